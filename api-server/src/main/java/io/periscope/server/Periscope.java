package io.periscope.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.periscope.server.cli.HealthProbeCli;
import io.periscope.server.cli.ReplayCli;
import io.periscope.server.cli.inspect.InspectCommand;
import io.periscope.server.config.ConfigurationException;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code periscope} command. Without arguments it starts the server with the roles configured
 * (all of them by default: the standalone mode).
 */
public final class Periscope {
    private Periscope() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            System.out.println(USAGE);
            return 0;
        }
        if (args.length > 0 && args[0].equals("health")) {
            return HealthProbeCli.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out);
        }
        if (args.length > 0 && args[0].equals("inspect")) {
            return new CommandLine(new InspectCommand()).execute(Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && args[0].equals("replay")) {
            try {
                return ReplayCli.run(Arrays.copyOfRange(args, 1, args.length), System.out);
            } catch (RuntimeException e) {
                return refuse(e);
            }
        }
        ApplicationContext context;
        try {
            context = start(args);
        } catch (RuntimeException e) {
            return refuse(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "periscope-shutdown"));
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        System.out.println("periscope: listening on " + server.getURL());
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: periscope [--key=value ...]        run the server with the configured roles (standalone by default)",
            "       periscope replay --help            replay a capture (over UDP, or straight into Kafka)",
            "       periscope health [URL]             exit 0 if a running Periscope answers its liveness probe (container health checks)",
            "       periscope inspect --help           run the signature detectors on requests, values or a capture",
            "",
            "Settings: application.yml keys, as PERISCOPE_* environment variables or --key=value arguments;",
            "see docs/configuration.md.");

    /** A configuration mistake is the user's to fix: one line, status 2, no stack trace. Anything else is a real failure. */
    private static int refuse(RuntimeException e) {
        ConfigurationException bad = configurationProblem(e);
        if (bad == null) {
            throw e;
        }
        System.err.println("periscope: invalid configuration: " + bad.getMessage());
        return 2;
    }

    /** Starts the application context and the HTTP server; the caller owns the returned context. */
    public static ApplicationContext start(String... args) {
        return start(Map.of(), args);
    }

    /**
     * Starts with extra properties that take precedence over application.yml (used by embedding
     * callers and tests).
     */
    public static ApplicationContext start(Map<String, Object> properties, String... args) {
        ApplicationContext context = ApplicationContext.builder()
                .mainClass(Periscope.class)
                .properties(properties)
                .args(args)
                .banner(false)
                .deduceEnvironment(false)
                .start();
        try {
            context.getBean(EmbeddedServer.class).start();
            return context;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private static ConfigurationException configurationProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        return null;
    }
}
