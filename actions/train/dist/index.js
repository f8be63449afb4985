import { createRequire as __mlopsCreateRequire } from 'node:module'; const require = __mlopsCreateRequire(import.meta.url);
import {
  setFailed
} from "./chunks/chunk-WJ2YUGBW.js";

// shared/src/errors.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
var CommandFailedError = class extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
  exitCode;
  name = "CommandFailedError";
};

// shared/src/runtime/run-wrapper.ts
async function runWrapper(actionName, main) {
  try {
    await main();
  } catch (error2) {
    if (error2 instanceof ConfigurationError) {
      setFailed(error2.message.replace(/\s*\n\s*/g, " "));
    } else if (error2 instanceof CommandFailedError) {
      setFailed(error2.message);
      process.exitCode = error2.exitCode;
    } else {
      const stack = error2 instanceof Error ? error2.stack ?? error2.message : String(error2);
      setFailed(`${actionName}: unexpected error, please report it with this log: ${stack}`);
    }
  }
}

// actions/train/src/main.ts
function run() {
  return runWrapper("train", async () => {
  });
}

// actions/train/src/index.ts
void run();
