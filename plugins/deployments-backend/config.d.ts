export interface Config {
  /** Runway deployments. */
  deployments?: {
    /**
     * The stage whose finished runs are production deployments for DORA. Default
     * `production`.
     */
    productionStage?: string;
    dora?: {
      /** The window of GET /metrics/dora when the request gives no `from`, in days. Default 30. */
      defaultWindowDays?: number;
    };
  };
}
