output "nlb_arn" {
  description = "ARN of the receivers' Network Load Balancer (the mirroring module's target)."
  value       = aws_lb.mirror.arn
}

output "nlb_dns_name" {
  description = "DNS name of the receivers' Network Load Balancer."
  value       = aws_lb.mirror.dns_name
}

output "target_group_arn" {
  description = "ARN of the UDP 4789 target group."
  value       = aws_lb_target_group.vxlan.arn
}

output "security_group_id" {
  description = "Security group of the receivers (allow it to reach Kafka)."
  value       = aws_security_group.receivers.id
}

output "autoscaling_group_name" {
  description = "Name of the receivers' Auto Scaling group."
  value       = module.node.autoscaling_group_name
}

output "role_arn" {
  description = "ARN of the receivers' IAM role."
  value       = module.node.role_arn
}

output "ui_url" {
  description = "URL of the UI and REST API in standalone mode (roles include api), else null."
  value       = local.serves_ui ? "http://${aws_lb.mirror.dns_name}:${var.ui_port}/" : null
}

output "role_name" {
  description = "Name of the receivers' IAM role (the standalone mode attaches its enforcement policy to it)."
  value       = module.node.role_name
}
