import { ConfigError } from "@clientele/domain";
import { startServer } from "./app";
import { readEnv } from "./env";

try {
  const env = readEnv();
  const running = await startServer(env);
  console.log(`Clientele is running at ${running.url} (GraphQL playground: ${running.url}/graphql)`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  if (error instanceof ConfigError) console.error(`\nClientele cannot start:\n${error.message}\n`);
  else console.error(error);
  process.exit(1);
}
