output "ip_set_arns" {
  description = "ARNs of the IPv4 and IPv6 IP sets (for the analysis module's waf_ip_set_arns)."
  value       = [for k in keys(local.ip_sets) : aws_wafv2_ip_set.blocked[k].arn]
}

output "ipv4_ip_set" {
  description = "Name, id and ARN of the IPv4 IP set (Periscope's enforcement settings name the set by name and id)."
  value       = { name = aws_wafv2_ip_set.blocked["ipv4"].name, id = aws_wafv2_ip_set.blocked["ipv4"].id, arn = aws_wafv2_ip_set.blocked["ipv4"].arn }
}

output "ipv6_ip_set" {
  description = "Name, id and ARN of the IPv6 IP set."
  value       = { name = aws_wafv2_ip_set.blocked["ipv6"].name, id = aws_wafv2_ip_set.blocked["ipv6"].id, arn = aws_wafv2_ip_set.blocked["ipv6"].arn }
}

output "scope" {
  description = "The IP sets' scope (REGIONAL or CLOUDFRONT)."
  value       = var.scope
}

output "rule_group_arn" {
  description = "ARN of the rule group that blocks the IP sets (add it to an existing web ACL when create_web_acl is false)."
  value       = aws_wafv2_rule_group.periscope.arn
}

output "web_acl_arn" {
  description = "ARN of the created web ACL, or null."
  value       = var.create_web_acl ? aws_wafv2_web_acl.this[0].arn : null
}
