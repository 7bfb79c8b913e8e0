output "bootstrap_servers" {
  description = "Bootstrap servers Periscope connects to."
  value       = local.bootstrap
}

output "client_environment" {
  description = "Kafka settings of every Periscope machine as environment variables (for the receivers and analysis modules' kafka_environment)."
  value = merge(
    {
      PERISCOPE_KAFKA_BOOTSTRAP          = local.bootstrap
      PERISCOPE_KAFKA_SECURITY_PROTOCOL  = "SASL_SSL"
      PERISCOPE_KAFKA_REPLICATION_FACTOR = "3"
    },
    var.authentication == "iam" ? { PERISCOPE_KAFKA_SASL_MECHANISM = "AWS_MSK_IAM" } : { PERISCOPE_KAFKA_SASL_MECHANISM = "SCRAM-SHA-512" },
  )
}

output "client_policy_json" {
  description = "IAM policy Periscope's machines need with IAM authentication (null with SCRAM)."
  value       = var.authentication == "iam" ? data.aws_iam_policy_document.client.json : null
}

output "security_group_id" {
  description = "Security group of the brokers, or null without a created cluster."
  value       = var.create_cluster ? aws_security_group.brokers[0].id : null
}

output "cluster_arn" {
  description = "ARN of the created MSK cluster, or null."
  value       = var.create_cluster ? aws_msk_cluster.this[0].arn : null
}

output "scram_secret_arn" {
  description = "The SCRAM secret Periscope's machines read (for kafka_scram_secret_arn), or null with IAM."
  value       = var.authentication == "scram" ? var.scram_secret_arn : null
}
