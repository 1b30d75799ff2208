// The least a webhook receiver can do, as a yardstick for the App's acknowledgement latency: a
// bare node:http server that reads the body, checks its X-Hub-Signature-256 and parses the JSON,
// then answers 200. No framework, no logging, no queue. `node reference-webhook-server.mjs <port> <secret>`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const [port, secret] = process.argv.slice(2);
createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
    const given = Buffer.from(String(req.headers["x-hub-signature-256"] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401).end();
    JSON.parse(body.toString("utf8"));
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
}).listen(Number(port), "127.0.0.1");
