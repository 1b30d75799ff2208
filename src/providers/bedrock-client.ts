import type { BedrockRuntimeClient, ConverseCommandOutput, ToolInputSchema } from "@aws-sdk/client-bedrock-runtime";
import type { ModelClient, ModelRequest, ModelResponse } from "../pipeline/ports.js";
import { toBedrockModelError } from "./bedrock-model-error.js";
import { contextLengthError, ModelError } from "./model-error.js";

/** How requests are authenticated: AWS's credential chain, static keys, or a Bedrock API key. */
export type BedrockAuth =
  | { kind: "chain" }
  | { kind: "keys"; accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
  | { kind: "api key"; token: string };

export interface BedrockClientOptions {
  region: string;
  /** AWS_ENDPOINT_URL_BEDROCK_RUNTIME: a VPC endpoint, a proxy, or a local server in tests. */
  endpoint?: string | undefined;
  auth: BedrockAuth;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * A ModelClient for Bedrock's Converse API (one request shape for Claude, Llama, Mistral, Nova
 * and the rest), the structured answer coming back as a forced tool call. The SDK signs with
 * SigV4 (or sends the API key as a bearer token) and speaks HTTP/2.
 */
export function createBedrockClient(options: BedrockClientOptions): ModelClient {
  let sdk: Promise<{ client: BedrockRuntimeClient; converse: typeof import("@aws-sdk/client-bedrock-runtime").ConverseCommand }> | undefined;
  const load = async () => {
    const { BedrockRuntimeClient, ConverseCommand } = await import("@aws-sdk/client-bedrock-runtime");
    const client = new BedrockRuntimeClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      maxAttempts: options.maxRetries + 1,
      // The SDK's default HTTP/2 handler, as it configures it, with the operator's timeout (per stream).
      requestHandler: { requestTimeout: options.timeoutMs, disableConcurrentStreams: true },
      ...authConfig(options.auth),
    });
    return { client, converse: ConverseCommand };
  };
  return {
    provider: "bedrock",
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      let output: ConverseCommandOutput;
      try {
        sdk ??= load();
        const { client, converse } = await sdk;
        output = await client.send(
          new converse({
            modelId: request.model,
            system: [{ text: request.system }],
            messages: [{ role: "user", content: [{ text: request.user }] }],
            inferenceConfig: { maxTokens: request.maxOutputTokens },
            toolConfig: {
              tools: [
                {
                  toolSpec: {
                    name: request.schemaName,
                    description: "Submit the complete answer. Call this exactly once, with every required field.",
                    inputSchema: { json: request.schema as ToolInputSchema.JsonMember["json"] },
                  },
                },
              ],
              toolChoice: { tool: { name: request.schemaName } },
            },
          }),
          signal ? { abortSignal: signal } : {},
        );
      } catch (err) {
        throw toBedrockModelError(err, options.endpoint, signal);
      }
      return readOutput(output, request);
    },
  };
}

// Static keys and the API key are passed in (readEnv read them); without either, the SDK's own
// chain finds credentials: profiles and SSO, web identity (IRSA), ECS and EC2 roles.
function authConfig(auth: BedrockAuth) {
  if (auth.kind === "keys") {
    return { credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: auth.secretAccessKey, ...(auth.sessionToken ? { sessionToken: auth.sessionToken } : {}) } };
  }
  if (auth.kind === "api key") return { token: { token: auth.token }, authSchemePreference: ["httpBearerAuth"] };
  return {};
}

function readOutput(output: ConverseCommandOutput, request: ModelRequest): ModelResponse {
  const fail = (message: string) => new ModelError({ provider: "bedrock", message, retryable: false });
  // A cut-off tool call holds partial input: worse than none, so it is not returned.
  if (output.stopReason === "max_tokens") {
    throw fail(
      `the answer was cut off at max tokens (bedrock, ${request.maxOutputTokens}): raise PATCHWISE_MAX_OUTPUT_TOKENS or review a smaller pull request`,
    );
  }
  if (output.stopReason === "model_context_window_exceeded") {
    throw contextLengthError("bedrock", { window: null }, "stop_reason model_context_window_exceeded");
  }
  if (output.stopReason === "guardrail_intervened" || output.stopReason === "content_filtered") {
    throw fail("the provider's content filter stopped the answer (bedrock): the pull request cannot be reviewed with this model or guardrail");
  }
  const toolUse = output.output?.message?.content?.find((block) => block.toolUse !== undefined)?.toolUse;
  if (toolUse?.input === undefined) {
    throw fail(`the model answered without calling the ${request.schemaName} tool (bedrock): check that PATCHWISE_MODEL supports tool use in Converse`);
  }
  const usage = output.usage;
  return {
    content: toolUse.input,
    usage: {
      // Cached prompt tokens are reported apart from inputTokens; all of them were read.
      inputTokens: (usage?.inputTokens ?? 0) + (usage?.cacheReadInputTokens ?? 0) + (usage?.cacheWriteInputTokens ?? 0),
      outputTokens: usage?.outputTokens ?? 0,
    },
    // Converse does not name the model that answered; the id or inference profile asked for stands.
    model: request.model,
  };
}
