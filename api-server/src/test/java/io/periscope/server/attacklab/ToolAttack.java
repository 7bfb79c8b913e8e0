package io.periscope.server.attacklab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real attack tool from the Debian archive run against the lab API, bounded in what it tries and in time. Each
 * sends its attacker's address in {@code X-Forwarded-For} with the tool's own option for an extra header. nikto,
 * which Debian does not ship in main, is not among them.
 */
final class ToolAttack implements LabAttack {
    /** Paths a content-discovery tool tries: the usual leftovers and admin pages, none of which the shop has. */
    static final List<String> WORDS = List.of("admin", "administrator", "backup", "backups", "config", "console", "debug",
            ".env", ".git", "wp-admin", "wp-login.php", "phpmyadmin", "server-status", "actuator", "swagger.json",
            "swagger-ui", "graphql", "manager", "jenkins", "login", "old", "test", "tmp", "uploads", "private", "secret",
            "internal", "staging", "dev", "db", "dump.sql", "database", "phpinfo.php", "info.php", "cgi-bin", "shell",
            "cmd", "api-docs", "metrics", "status", "health", "env", "logs", "log", "web.config", "config.php",
            ".htaccess", ".DS_Store", "robots.txt", "sitemap.xml", "crossdomain.xml", "install", "setup", "portal",
            "dashboard", "webadmin", "adminer.php", "server-info", "trace.axd", "elmah.axd");
    /** Accounts a password guesser tries: common names, two real customers, and the forgotten intern account. */
    static final List<String> LOGINS = List.of("admin", "root", "test", "guest", "support", "info", "sales", "demo",
            "user", "operator", "backup", "ada.example", "bruno.example", "intern");
    static final List<String> PASSWORDS = List.of("123456", "password1", "Welcome1", "summer2024");

    /** Builds a tool's command line. */
    @FunctionalInterface
    private interface Command {
        List<String> build(String executable, String base, Path workDir) throws IOException;
    }

    private final String tool;
    private final LabActor actor;
    private final long timeoutSeconds;
    private final Command command;
    private final String executable;

    private ToolAttack(String tool, String address, String expectedType, long timeoutSeconds, Command command) {
        this.tool = tool;
        this.actor = LabActor.attacker(tool, List.of(address), List.of(), expectedType);
        this.timeoutSeconds = timeoutSeconds;
        this.command = command;
        this.executable = onPath(tool);
    }

    /** SQL injection tests of the catalog search parameter: boolean, error and UNION techniques, level 1, risk 1. */
    static ToolAttack sqlmap() {
        String address = "198.51.100.11";
        return new ToolAttack("sqlmap", address, "SQL_INJECTION", 90, (exe, base, dir) -> List.of(exe,
                "-u", base + "/api/v1/products?q=earl+grey&page=1", "-p", "q", "--batch", "--level", "1", "--risk", "1",
                "--technique", "BEU", "--flush-session", "--timeout", "5", "--retries", "0", "--disable-coloring",
                "--headers", "X-Forwarded-For: " + address, "--output-dir", dir.resolve("sqlmap").toString()));
    }

    /** Password guessing against the form sign-in: a few accounts times a few passwords, four tasks. */
    static ToolAttack hydra() {
        String address = "198.51.100.22";
        return new ToolAttack("hydra", address, "CREDENTIAL_STUFFING", 90, (exe, base, dir) -> {
            Path logins = Files.write(dir.resolve("logins.txt"), LOGINS);
            Path passwords = Files.write(dir.resolve("passwords.txt"), PASSWORDS);
            int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
            return List.of(exe, "-L", logins.toString(), "-P", passwords.toString(), "-t", "4", "-I", "-s", String.valueOf(port),
                    "127.0.0.1", "http-post-form", "/api/v1/auth/login:username=^USER^&password=^PASS^"
                            // hydra 9.4 parses the failure condition only after the header option
                            + ":H=X-Forwarded-For\\: " + address + ":F=invalid_credentials");
        });
    }

    /** Content discovery with ffuf. */
    static ToolAttack ffuf() {
        String address = "198.51.100.33";
        return new ToolAttack("ffuf", address, "RECONNAISSANCE", 60, (exe, base, dir) -> List.of(exe,
                "-u", base + "/FUZZ", "-w", Files.write(dir.resolve("words.txt"), WORDS).toString(),
                "-H", "X-Forwarded-For: " + address, "-t", "4", "-s", "-timeout", "5"));
    }

    /** Content discovery with gobuster. */
    static ToolAttack gobuster() {
        String address = "198.51.100.44";
        return new ToolAttack("gobuster", address, "RECONNAISSANCE", 60, (exe, base, dir) -> List.of(exe, "dir",
                "-u", base + "/", "-w", Files.write(dir.resolve("words.txt"), WORDS).toString(),
                "-H", "X-Forwarded-For: " + address, "-t", "4", "-q", "--no-error", "--timeout", "5s"));
    }

    @Override
    public LabActor actor() {
        return actor;
    }

    @Override
    public String unavailable() {
        return executable == null ? tool + " is not installed (apt-get install " + tool + ")" : null;
    }

    @Override
    public void run(String base, Path workDir) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(workDir.resolve(tool));
        Process process = new ProcessBuilder(command.build(executable, base, dir)).directory(dir.toFile())
                .redirectOutput(dir.resolve("output.txt").toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            // bounded: what it sent so far is the attack
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }

    private static String onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(String.valueOf(System.getenv("PATH")).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
