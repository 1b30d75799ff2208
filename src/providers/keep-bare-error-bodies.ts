/**
 * A fetch for the OpenAI SDK that keeps a bare error body. vLLM (before it took OpenAI's error
 * shape) and some gateways answer `{"object":"error","message":...,"type":...}` with no `error`
 * key, and Gemini's OpenAI endpoint a one-element list `[{"error": ...}]`, both of which the SDK
 * drops whole, losing the words that say the prompt was too long. Such a body is reshaped as
 * `{"error": ...}`; it stays in memory, as any error body does.
 */
export function keepBareErrorBodies(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.ok) return response;
    const text = await response.text();
    const body = parseJson(text);
    const first: unknown = Array.isArray(body) ? body[0] : undefined;
    const reshaped = isBareError(body) ? JSON.stringify({ error: body }) : typeof first === "object" && first !== null && "error" in first ? JSON.stringify(first) : text;
    return new Response(reshaped, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isBareError(body: unknown): boolean {
  return typeof body === "object" && body !== null && !("error" in body) && typeof (body as { message?: unknown }).message === "string";
}
