import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/**
 * What an engine is asked to deploy: one version of one entity to one stage, for one run.
 *
 * @public
 */
export type DeploymentRequest = {
  /**
   * Runway's id of the run. Pass it to the engine where its API allows (a workflow input, a
   * label), so that a retried `start` finds what it started instead of starting it twice.
   */
  runId: string;
  /** The full ref of the entity deployed, e.g. `component:default/payments-api`. */
  entityRef: string;
  /** The stage (environment), e.g. `production`. */
  stage: string;
  /** The version deployed, as CI registered it. */
  version: string;
  /** The full commit SHA of the version. */
  commitSha: string;
  /** Whether this run rolls back to an earlier version. */
  rollback: boolean;
  /**
   * The engine's parameters for this stage, from the pipeline definition (a workflow file
   * and its inputs, an Argo CD application, the name of a local command). Never from the
   * person who starts the run.
   */
  parameters: JsonObject;
};

/**
 * What an engine returns from `start`: enough to follow the deployment later. The backend
 * stores it with the run and hands it back to `getProgress`, `cancel` and `readLog`, also
 * after a restart and on another replica, so it must be plain JSON and hold no secret.
 *
 * @public
 */
export type DeploymentHandle = {
  /** The engine's id of what it started: a workflow run id, an Argo CD operation, a process. */
  externalId: string;
  /** Where a person sees the deployment in the engine, if it has a UI. */
  url?: string;
  /** Anything else the engine needs to follow it. */
  state?: JsonObject;
};

/**
 * The state of one step of a deployment (a job of a workflow, a sync phase), for the run's
 * timeline.
 *
 * @public
 */
export type DeploymentStep = {
  name: string;
  status:
    | 'pending'
    | 'running'
    | 'succeeded'
    | 'failed'
    | 'skipped'
    | 'cancelled';
  startedAt?: string;
  finishedAt?: string;
  url?: string;
};

/**
 * Where a started deployment is. `running` until the engine reports one of the final
 * states; the backend polls until then.
 *
 * @public
 */
export type DeploymentProgress = {
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** For people: why it failed, what it is waiting for. Never a secret. */
  message?: string;
  steps?: DeploymentStep[];
  /** Where the logs are, in the engine. */
  logUrl?: string;
};

/**
 * What the backend gives an engine with each call.
 *
 * @public
 */
export type DeploymentEngineContext = {
  logger: LoggerService;
  /** Aborted when the call should stop, e.g. the backend shuts down. */
  signal: AbortSignal;
};

/**
 * A deployment engine: something that deploys a version to a stage and can be followed
 * and cancelled. A stage of a pipeline names its engine by `id`. The backend's run worker
 * calls it; exactly one worker drives a run at a time, also with several replicas. The
 * engines Runway ships (local, github-actions, argocd) follow the contract of each method.
 * Errors and messages must not contain credentials: they are stored and shown.
 *
 * @public
 */
export interface DeploymentEngine {
  /** The name stages use, e.g. `local`, `github-actions`, `argocd`; unique per backend. */
  readonly id: string;
  /**
   * Begins the deployment and resolves once the engine has accepted it, with a handle to
   * follow it by. It may be called again for the same `runId` if the backend stopped
   * before storing the handle; an engine should then find and return what it started,
   * where its API allows it.
   */
  start(
    request: DeploymentRequest,
    context: DeploymentEngineContext,
  ): Promise<DeploymentHandle>;
  /**
   * Answers at once with the current state; the backend polls (an engine with a push
   * channel can cache what it hears). A transient failure (network, rate limit) rejects
   * and is tried again later; a deployment the engine no longer knows reports `failed`
   * with a message.
   */
  getProgress(
    handle: DeploymentHandle,
    context: DeploymentEngineContext,
  ): Promise<DeploymentProgress>;
  /**
   * Asks the engine to stop, and resolves once it has accepted that; `getProgress`
   * reports `cancelled` (or the final state it reached first) afterwards.
   */
  cancel(
    handle: DeploymentHandle,
    context: DeploymentEngineContext,
  ): Promise<void>;
  /**
   * For engines that keep logs themselves (the local engine does): the lines after line
   * `after` (0 for the start) and the number to continue from.
   */
  readLog?(
    handle: DeploymentHandle,
    options: { after: number },
    context: DeploymentEngineContext,
  ): Promise<{ lines: string[]; next: number }>;
}
