/** Hono variables set for every request. */
export interface AppEnv {
  Variables: {
    requestId: string;
  };
}
