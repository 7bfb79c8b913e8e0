package io.periscope.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.periscope.server.config.ConfigurationException;
import java.util.Map;

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
        ApplicationContext context;
        try {
            context = start(args);
        } catch (RuntimeException e) {
            ConfigurationException bad = configurationProblem(e);
            if (bad != null) {
                // A configuration mistake is the user's to fix: one line, no stack trace.
                System.err.println("periscope: invalid configuration: " + bad.getMessage());
                return 2;
            }
            throw e;
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
