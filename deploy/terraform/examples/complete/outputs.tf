output "ui_url" {
  description = "The Periscope UI and REST API (sign in with the admin token from Secrets Manager: admin_token_secret_arn)."
  value       = var.scale_out ? module.analysis[0].ui_url : module.receivers.ui_url
}

output "admin_token_secret_arn" {
  description = "Secrets Manager secret holding the admin token (aws secretsmanager get-secret-value --secret-id ...)."
  value       = aws_secretsmanager_secret.shared["admin-token"].arn
}

output "nlb_dns_name" {
  description = "DNS name of the receivers' Network Load Balancer (the mirror target)."
  value       = module.receivers.nlb_dns_name
}

output "ip_set_arns" {
  description = "ARNs of the WAF IP sets Periscope manages (IPv4, IPv6)."
  value       = module.waf.ip_set_arns
}

output "web_acl_arn" {
  description = "ARN of the web ACL that blocks them."
  value       = module.waf.web_acl_arn
}

output "mirror_sessions" {
  description = "Mirror session id by source network interface."
  value       = module.mirroring.session_ids
}

output "mirror_session_names" {
  description = "Session name Periscope shows, by VNI."
  value       = module.mirroring.session_names
}
