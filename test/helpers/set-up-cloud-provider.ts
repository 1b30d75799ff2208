import { join } from "node:path";
import type { ModelProviderName } from "../../src/providers/model-error.js";
import {
  startFakeAzureOpenAI,
  startFakeBedrock,
  startFakeGenerateContent,
  startFakeTokenServer,
  writeAuthorizedUserCredentials,
  type FakeCloudModel,
  type FakeReply,
  type RecordedRequest,
} from "./fake-cloud-models.js";

export type CloudProvider = Extract<ModelProviderName, "azure" | "bedrock" | "gemini" | "vertex">;
export const CLOUD_PROVIDERS: CloudProvider[] = ["azure", "bedrock", "gemini", "vertex"];

export interface CloudSetup {
  /** The operator's environment for this provider, pointed at the fakes. */
  env: Record<string, string>;
  model: FakeCloudModel;
  /** The prompt's user text as the provider received it. */
  userText: (request: RecordedRequest) => string;
}

export interface CloudSetupOptions {
  /** Where a Vertex credentials file may be written. */
  dir: string;
  /** Every server started, for the test to close. */
  servers: FakeCloudModel[];
  /** The token Google's token endpoint gives (null: it refuses), and the text it refuses with. */
  token?: string | null;
  refusal?: string;
}

/** A loopback server speaking `provider`'s own protocol, and the environment that points the App, the Action or the CLI at it. */
export async function setUpCloudProvider(provider: CloudProvider, reply: (request: RecordedRequest) => FakeReply, options: CloudSetupOptions): Promise<CloudSetup> {
  const { servers } = options;
  const common = { PATCHWISE_PROVIDER: provider, PATCHWISE_MODEL_MAX_RETRIES: "0", PATCHWISE_MODEL_TIMEOUT_MS: "5000" };
  if (provider === "azure") {
    const model = await startFakeAzureOpenAI(reply);
    servers.push(model);
    return {
      env: { ...common, AZURE_OPENAI_ENDPOINT: model.url, AZURE_OPENAI_API_KEY: "azure-key", PATCHWISE_MODEL: "review-deployment" },
      model,
      userText: (request) => request.body.messages[1].content,
    };
  }
  if (provider === "bedrock") {
    const model = await startFakeBedrock(reply);
    servers.push(model);
    return {
      env: { ...common, AWS_REGION: "eu-central-1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: model.url, AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" },
      model,
      userText: (request) => request.body.messages[0].content[0].text,
    };
  }
  const model = await startFakeGenerateContent(reply);
  servers.push(model);
  const userText = (request: RecordedRequest) => request.body.contents[0].parts[0].text;
  if (provider === "gemini") return { env: { ...common, GEMINI_API_KEY: "gemini-key", GEMINI_BASE_URL: model.url }, model, userText };
  const tokens = await startFakeTokenServer(options.token === undefined ? "vertex-token" : options.token, options.refusal);
  servers.push(tokens);
  const credentials = await writeAuthorizedUserCredentials(join(options.dir, `credentials-${servers.length}.json`), tokens);
  return {
    env: { ...common, GOOGLE_CLOUD_PROJECT: "review-project", GOOGLE_CLOUD_LOCATION: "europe-west4", GOOGLE_APPLICATION_CREDENTIALS: credentials, VERTEX_BASE_URL: model.url },
    model,
    userText,
  };
}
