/*
 * Preloaded into every process the stack spawns (`node --import tsx --import <this file>`): a
 * child whose test runner died without stopping it (SIGKILL, a crash, a worker torn down) ends
 * itself instead of living on as an orphan. It checks every half second that its parent is
 * still the process that started it; the timer never keeps the process alive on its own.
 */
const parent = Number(process.env.SYSTEM_STACK_PARENT_PID);
if (Number.isInteger(parent) && parent > 0)
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, "SIGKILL");
  }, 500).unref();
