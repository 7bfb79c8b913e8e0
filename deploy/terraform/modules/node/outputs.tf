output "autoscaling_group_name" {
  description = "Name of the Auto Scaling group."
  value       = aws_autoscaling_group.this.name
}

output "launch_template_id" {
  description = "Id of the launch template."
  value       = aws_launch_template.this.id
}

output "role_name" {
  description = "Name of the machines' IAM role (attach further policies to it if you must)."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the machines' IAM role (e.g. for an MSK or KMS key policy)."
  value       = aws_iam_role.this.arn
}

output "ami_id" {
  description = "The AMI the machines run."
  value       = local.ami_id
}
