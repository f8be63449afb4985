import { createRequire as __mlopsCreateRequire } from 'node:module'; const require = __mlopsCreateRequire(import.meta.url);
import "./chunks/chunk-D4RZRY5B.js";

// shared/src/runtime/relaunch.ts
import { spawn } from "node:child_process";
import { once } from "node:events";
import { constants } from "node:os";
async function runWithNodeFlags(flags, main) {
  const given = [...process.execArgv, ...(process.env["NODE_OPTIONS"] ?? "").split(/\s+/)];
  const missing = flags.filter((flag) => !given.includes(flag));
  if (missing.length === 0 || process.env["MLOPS_NO_RELAUNCH"] === "1" || !process.argv[1]) return main();
  const args = [...process.execArgv, ...missing, ...process.argv.slice(1)];
  const execve = process.execve;
  if (typeof execve === "function") execve(process.execPath, [process.execPath, ...args], process.env);
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  const forward = (signal) => {
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  try {
    const [code, signal] = await once(child, "exit");
    process.exitCode = code ?? 128 + (signal && constants.signals[signal] || 0);
  } finally {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  }
}

// actions/validate-data/src/index.ts
void runWithNodeFlags(["--max-semi-space-size=16"], async () => (await import("./chunks/main-2EUIGP7I.js")).run());
