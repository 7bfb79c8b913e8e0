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
