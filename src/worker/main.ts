import { existsSync } from "node:fs";
import { runWorker } from "./run-worker.js";

// `npm run worker`: a process that only works the shared review queue (REDIS_URL), for running
// more reviews at once than one process can. Webhooks go to `npm start`.
if (existsSync(".env")) process.loadEnvFile(".env");
await runWorker();
