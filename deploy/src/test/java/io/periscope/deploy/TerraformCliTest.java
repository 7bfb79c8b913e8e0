package io.periscope.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Terraform CLI on the deployment where it exists: {@code terraform fmt -check} needs only the binary;
 * {@code terraform validate} needs the AWS provider, which these machines cannot download, so it runs only with a
 * local provider mirror ({@code PERISCOPE_TF_PLUGIN_DIR}, default {@code /opt/tf-plugins}). Skipped otherwise; the
 * provider-free checks of {@link TerraformModulesTest} always run.
 */
class TerraformCliTest {
    private static final Path DEPLOY = Path.of("").toAbsolutePath();

    @Test
    void everyFileIsFormattedAsTerraformFmtWants() throws Exception {
        Path terraform = terraform();
        Result r = run(DEPLOY.resolve("terraform"), List.of(terraform.toString(), "fmt", "-check", "-recursive", "-diff"));
        assertThat(r.exit()).as("terraform fmt -check -recursive:\n%s", r.output()).isZero();
    }

    @Test
    void theExamplesAndEveryModuleTheyCallValidateAgainstTheAwsProvider(@TempDir Path work) throws Exception {
        Path terraform = terraform();
        Path plugins = Path.of(Optional.ofNullable(System.getenv("PERISCOPE_TF_PLUGIN_DIR")).orElse("/opt/tf-plugins"));
        assumeTrue(Files.isDirectory(plugins.resolve("registry.terraform.io/hashicorp/aws")),
                "no local mirror of the AWS provider at " + plugins + ": terraform validate skipped");
        // a copy, so that init's .terraform directories and lock files stay out of the source tree
        copy(DEPLOY.resolve("terraform"), work.resolve("terraform"));
        copy(DEPLOY.resolve("systemd"), work.resolve("systemd"));
        List<String> failures = new ArrayList<>();
        // validating a root validates every module it calls; examples/complete calls them all
        for (Path dir : TerraformConfig.configurations(work.resolve("terraform/examples"))) {
            Result init = run(dir, List.of(terraform.toString(), "init", "-backend=false", "-input=false", "-no-color",
                    "-plugin-dir=" + plugins));
            Result validate = init.exit() == 0 ? run(dir, List.of(terraform.toString(), "validate", "-no-color")) : init;
            if (validate.exit() != 0) {
                failures.add(work.relativize(dir) + ":\n" + validate.output());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theUserDataRendersToValidBashThatGrantsCapNetRawOnlyForLiveCapture(@TempDir Path work) throws Exception {
        Path terraform = terraform();
        String withCapture = renderUserData(terraform, work, true);
        String withoutCapture = renderUserData(terraform, work, false);
        for (String script : List.of(withCapture, withoutCapture)) {
            Path file = Files.writeString(work.resolve("user-data.sh"), script);
            Result syntax = run(work, List.of("bash", "-n", file.toString()));
            assertThat(syntax.exit()).as("bash -n:\n%s", syntax.output()).isZero();
            assertThat(script).startsWith("#!/bin/bash").contains("sha256sum --check")
                    .contains("PERISCOPE_ROLES=receiver").doesNotContain("s3cr3t");
        }
        assertThat(withCapture).contains("AmbientCapabilities=CAP_NET_RAW/'");
        assertThat(withoutCapture).doesNotContain("AmbientCapabilities=CAP_NET_RAW/'")
                .contains("CapabilityBoundingSet=\n");
    }

    /** Renders the node module's user data with {@code terraform console}, which needs no provider. */
    private static String renderUserData(Path terraform, Path work, boolean liveCapture) throws Exception {
        Path node = DEPLOY.resolve("terraform/modules/node");
        String expr = "templatefile(\"" + node.resolve("user-data.sh.tftpl") + "\", { region = \"eu-west-1\","
                + " artifact_s3_uri = \"s3://bucket/periscope.jar\", artifact_sha256 = \"" + "0".repeat(64) + "\","
                + " java_opts = \"-XX:+UseG1GC\", environment = { PERISCOPE_ROLES = \"receiver\" },"
                + " secret_environment = { PERISCOPE_ADMIN_TOKEN = \"arn:aws:secretsmanager:eu-west-1:1:secret:t\" },"
                + " unit = file(\"" + DEPLOY.resolve("systemd/periscope.service") + "\"), live_capture = " + liveCapture + ","
                + " udp_receive_buffer_bytes = 33554432, kafka_scram_secret_arn = null })\n";
        Path in = Files.writeString(work.resolve("expr.txt"), expr);
        Path log = work.resolve("console.out");
        Process p = new ProcessBuilder(terraform.toString(), "console").directory(work.toFile())
                .redirectInput(in.toFile()).redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        String out = Files.readString(log);
        // terraform console prints a multi-line string as a heredoc
        return out.substring(out.indexOf("<<EOT") + "<<EOT\n".length(), out.lastIndexOf("EOT"));
    }

    private static Path terraform() {
        Optional<Path> found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(p -> Path.of(p, "terraform")).filter(Files::isExecutable).findFirst();
        assumeTrue(found.isPresent(), "terraform is not installed: CLI checks skipped");
        return found.get();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("terraform", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().contains(".terraform")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
