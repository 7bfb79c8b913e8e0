output "ui_url" {
  description = "URL of the Periscope UI and REST API (internal load balancer; reach it from admin_cidrs)."
  value       = local.ui_url
}

output "ui_nlb_dns_name" {
  description = "DNS name of the UI load balancer (point your own DNS name, matching the certificate, at it)."
  value       = aws_lb.ui.dns_name
}

output "security_group_id" {
  description = "Security group of the analysis machines (allow it to reach Kafka)."
  value       = aws_security_group.analysis.id
}

output "autoscaling_group_names" {
  description = "Auto Scaling group of each machine group."
  value       = { for k, g in module.group : k => g.autoscaling_group_name }
}

output "role_arns" {
  description = "IAM role of each machine group."
  value       = { for k, g in module.group : k => g.role_arn }
}

output "enforcement_policy_json" {
  description = "The least-privilege IAM policy of the enforcement group, for review."
  value       = data.aws_iam_policy_document.enforcement.json
}
