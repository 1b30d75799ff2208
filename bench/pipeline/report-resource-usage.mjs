// Preloaded into the App's process by the benchmark (`node --import`), plain JavaScript so that it
// also loads into the built App: answers a "resource-usage" message on the IPC channel with
// `process.resourceUsage()`, whose maxRSS is the process's peak resident set size.
process.on("message", (message) => {
  if (message === "resource-usage") process.send?.(process.resourceUsage());
});
// The channel must not keep the App alive once it decides to exit.
process.channel?.unref();
