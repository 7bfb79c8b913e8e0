# The WAF side of Periscope's enforcement: two IP sets (IPv4, IPv6) whose contents Periscope manages, a rule group
# that blocks them, and optionally a web ACL associated with the user's ALB or API Gateway stages.

locals {
  ip_sets = {
    ipv4 = "IPV4"
    ipv6 = "IPV6"
  }
}

resource "aws_wafv2_ip_set" "blocked" {
  for_each           = local.ip_sets
  name               = "${var.name}-blocked-${each.key}"
  description        = "Addresses blocked by Periscope (managed by its enforcement role; do not edit by hand)"
  scope              = var.scope
  ip_address_version = each.value
  addresses          = []
  tags               = var.tags

  # Periscope owns the contents: Terraform creates the set and never resets the blocks in force.
  lifecycle {
    ignore_changes = [addresses]
  }
}

resource "aws_wafv2_rule_group" "periscope" {
  name        = "${var.name}-blocks"
  description = "Block addresses Periscope decided to block"
  scope       = var.scope
  # An IP set reference statement costs 1 WCU; room for both with margin.
  capacity = 10
  tags     = var.tags

  dynamic "rule" {
    for_each = local.ip_sets
    content {
      name     = "periscope-blocked-${rule.key}"
      priority = rule.key == "ipv4" ? 0 : 1

      action {
        block {}
      }

      statement {
        ip_set_reference_statement {
          arn = aws_wafv2_ip_set.blocked[rule.key].arn

          dynamic "ip_set_forwarded_ip_config" {
            for_each = var.forwarded_ip_header == null ? [] : [var.forwarded_ip_header]
            content {
              header_name = ip_set_forwarded_ip_config.value
              # LAST: the address your proxy appended. FIRST is whatever the client wrote (spoofable).
              position          = "LAST"
              fallback_behavior = "NO_MATCH"
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-blocked-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-blocks"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl" "this" {
  count       = var.create_web_acl ? 1 : 0
  name        = "${var.name}-acl"
  description = "Periscope enforcement"
  scope       = var.scope
  tags        = var.tags

  default_action {
    allow {}
  }

  rule {
    name     = "periscope-blocks"
    priority = var.rule_priority

    override_action {
      none {}
    }

    statement {
      rule_group_reference_statement {
        arn = aws_wafv2_rule_group.periscope.arn
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-blocks"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-acl"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  for_each     = var.create_web_acl ? toset(var.associated_resource_arns) : toset([])
  resource_arn = each.value
  web_acl_arn  = aws_wafv2_web_acl.this[0].arn
}
