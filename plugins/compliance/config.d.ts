export interface Config {
  /** Runway ownership compliance (the backend's full schema: `@runway/plugin-compliance-backend`). */
  compliance?: {
    exemptions?: {
      /**
       * Longest an exemption may last, in days. Default 90. The backend enforces it; the
       * exemption dialog offers no later day.
       * @visibility frontend
       */
      maxDays?: number;
    };
  };
}
