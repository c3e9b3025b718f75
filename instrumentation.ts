export async function register() {
  // Edge runtimes have no database or timers; the Node server does the work.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServerOrExit } = await import("./lib/boot");
  bootServerOrExit();
}
