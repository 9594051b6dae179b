// AWS's JavaScript Bedrock Runtime SDK against the proxy's Bedrock front door, with the proxy key as a Bedrock API key
// (bearer token). Prints one JSON line: what InvokeModel, InvokeModelWithResponseStream, CountTokens and a refused call
// returned.
// Usage: node front-door.mjs <front door base URL> <model id>; the key comes from AWS_BEARER_TOKEN_BEDROCK.
import {
  BedrockRuntimeClient,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const [endpoint, modelId] = process.argv.slice(2);
const client = new BedrockRuntimeClient({
  region: "us-east-1",
  endpoint,
  token: { token: process.env.AWS_BEARER_TOKEN_BEDROCK },
  authSchemePreference: ["httpBearerAuth"],
  maxAttempts: 1,
  // The Bedrock Runtime client speaks HTTP/2 by default (for its bidirectional stream), which a cleartext http://
  // endpoint cannot negotiate; behind TLS (ALPN) the default handler works. HTTP/1.1 here, as with any plain-HTTP URL.
  requestHandler: new NodeHttpHandler(),
});
const body = (text) => JSON.stringify({
  anthropic_version: "bedrock-2023-05-31",
  max_tokens: 50,
  messages: [{ role: "user", content: text }],
});

const invoked = await client.send(new InvokeModelCommand({
  modelId, contentType: "application/json", accept: "application/json", body: body("sdk invoke"),
}));
const answer = JSON.parse(new TextDecoder().decode(invoked.body));

const streamed = await client.send(new InvokeModelWithResponseStreamCommand({
  modelId, contentType: "application/json", body: body("sdk stream"),
}));
const types = [];
let streamText = "";
for await (const item of streamed.body) {
  if (!item.chunk) {
    types.push("!" + Object.keys(item)[0]);
    continue;
  }
  const event = JSON.parse(new TextDecoder().decode(item.chunk.bytes));
  types.push(event.type);
  if (event.type === "content_block_delta") streamText += event.delta.text;
}

// CountTokens takes the InvokeModel body as a blob, which the SDK base64-encodes into input.invokeModel.body.
const counted = await client.send(new CountTokensCommand({
  modelId, input: { invokeModel: { body: new TextEncoder().encode(body("sdk count")) } },
}));

let countRefused = null;
try {
  await client.send(new CountTokensCommand({
    modelId, input: { converse: { messages: [{ role: "user", content: [{ text: "no" }] }] } },
  }));
} catch (error) {
  countRefused = { name: error.name, status: error.$metadata?.httpStatusCode };
}

let refused = null;
try {
  await client.send(new InvokeModelCommand({ modelId: "arn:aws:bedrock:us-east-1::foundation-model/x", body: body("no") }));
} catch (error) {
  refused = { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message };
}

console.log(JSON.stringify({
  invokeText: answer.content[0].text,
  invokeContentType: invoked.contentType,
  streamText,
  types,
  inputTokens: counted.inputTokens,
  countRefused,
  refused,
}));
