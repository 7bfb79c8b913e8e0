package io.periscope.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformModulesTest {
    private static final Path TERRAFORM = Path.of("terraform");

    @Test
    void everyModuleAndTheExampleParseResolveEveryReferenceAndMatchTheirCallers() throws IOException {
        assertThat(TerraformConfig.configurations(TERRAFORM)).extracting(p -> TERRAFORM.relativize(p).toString())
                .contains("examples/complete", "modules/receivers", "modules/mirroring", "modules/waf", "modules/kafka",
                        "modules/analysis", "modules/node");
        assertThat(new TerraformChecker().check(TERRAFORM)).isEmpty();
    }

    @Test
    void everyConfigurationHasAReadmeWhoseTablesListEveryInputAndOutput() throws IOException {
        for (Path dir : TerraformConfig.configurations(TERRAFORM)) {
            Path readme = dir.resolve("README.md");
            assertThat(readme).as("README of %s", dir).exists();
            String text = Files.readString(readme);
            TerraformConfig config = TerraformConfig.read(dir);
            config.variables().keySet().forEach(v -> assertThat(text).as("%s lists input %s", readme, v).contains("| `" + v + "` |"));
            config.outputs().keySet().forEach(o -> assertThat(text).as("%s lists output %s", readme, o).contains("| `" + o + "` |"));
        }
    }

    @Test
    void anUndeclaredVariableLocalResourceOrModuleOutputIsReported(@TempDir Path root) throws IOException {
        Path mod = Files.createDirectories(root.resolve("modules/m"));
        Files.writeString(mod.resolve("main.tf"), """
                variable "a" {
                  description = "A."
                  type        = string
                  validation {
                    condition     = length(var.a) > 0
                    error_message = "a must not be empty."
                  }
                }
                resource "aws_s3_bucket" "b" {
                  bucket = "${var.a}-${var.missing}"
                  tags   = local.nowhere
                }
                output "name" {
                  description = "The bucket."
                  value       = aws_s3_bucket.c.id
                }
                """);
        Path ex = Files.createDirectories(root.resolve("examples/e"));
        Files.writeString(ex.resolve("main.tf"), """
                module "m" {
                  source = "../../modules/m"
                  a      = "x"
                }
                output "o" {
                  description = "O."
                  value       = module.m.arn
                }
                """);
        assertThat(new TerraformChecker().check(root)).containsExactlyInAnyOrder(
                "m/main.tf: var.missing is not declared",
                "m/main.tf: local.nowhere is not declared",
                "m/main.tf: resource aws_s3_bucket.c is not declared",
                "e/main.tf: module.m has no output arn");
    }

    @Test
    void aModuleCallMustPassEveryRequiredVariableAndNoUndeclaredOne(@TempDir Path root) throws IOException {
        Path mod = Files.createDirectories(root.resolve("modules/m"));
        Files.writeString(mod.resolve("variables.tf"), """
                variable "required" {
                  description = "Required."
                  type        = string
                  validation {
                    condition     = length(var.required) > 0
                    error_message = "required must not be empty."
                  }
                }
                variable "optional" {
                  description = "Optional."
                  type        = bool
                  default     = false
                }
                """);
        Path ex = Files.createDirectories(root.resolve("examples/e"));
        Files.writeString(ex.resolve("main.tf"), """
                module "m" {
                  source = "../../modules/m"
                  count  = 1
                  typo   = "x"
                }
                """);
        assertThat(new TerraformChecker().check(root)).containsExactlyInAnyOrder(
                "e: module m passes typo, which its module does not declare",
                "e: module m does not pass the required variable required");
    }

    @Test
    void aVariableNeedsADescriptionATypeAndAValidationUnlessItIsABoolean(@TempDir Path root) throws IOException {
        Path mod = Files.createDirectories(root.resolve("m"));
        Files.writeString(mod.resolve("variables.tf"), """
                variable "undocumented" {
                  type = string
                  validation {
                    condition     = length(var.undocumented) > 0
                    error_message = "undocumented must not be empty."
                  }
                }
                variable "untyped" {
                  description = "Untyped."
                }
                variable "unvalidated" {
                  description = "Unvalidated."
                  type        = number
                }
                variable "flag" {
                  description = "A flag."
                  type        = bool
                }
                output "bare" {
                  value = var.flag
                }
                """);
        assertThat(new TerraformChecker().check(root)).containsExactlyInAnyOrder(
                "m: variable undocumented has no description",
                "m: variable untyped has no type",
                "m: variable unvalidated has no validation block",
                "m: output bare has no description");
    }

    @Test
    void aFileThatDoesNotParseIsReported(@TempDir Path root) throws IOException {
        Path mod = Files.createDirectories(root.resolve("m"));
        Files.writeString(mod.resolve("main.tf"), "resource \"aws_s3_bucket\" \"b\" {\n  bucket = @\n}\n");
        assertThat(new TerraformChecker().check(root)).singleElement().asString().startsWith("m: does not parse:");
    }
}
