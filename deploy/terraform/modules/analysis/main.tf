# Periscope's analysis roles (discovery, detection, enforcement, alerting, api) on their own machine groups, sharing state
# through Kafka, with the UI and REST API behind an internal Network Load Balancer.

data "aws_region" "current" {}
data "aws_partition" "current" {}

data "aws_vpc" "this" {
  id = var.vpc_id
}

locals {
  apigw_arn_prefix = "arn:${data.aws_partition.current.partition}:apigateway:${data.aws_region.current.name}::"
  ui_tls           = var.ui_certificate_arn != null
  ui_url           = local.ui_tls ? "https://${aws_lb.ui.dns_name}/" : "http://${aws_lb.ui.dns_name}:${var.ui_port}/"
}

resource "aws_security_group" "analysis" {
  name_prefix = "${var.name}-analysis-"
  description = "Periscope analysis roles: UI and REST API from admins and the UI load balancer"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-analysis" })

  lifecycle {
    create_before_destroy = true
  }
}

# The NLB keeps the client's address, so admins reach the machines with their own addresses.
resource "aws_vpc_security_group_ingress_rule" "ui_admins" {
  for_each          = toset(var.admin_cidrs)
  security_group_id = aws_security_group.analysis.id
  description       = "Periscope UI and REST API from admins"
  ip_protocol       = "tcp"
  from_port         = var.ui_port
  to_port           = var.ui_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "ui_health" {
  security_group_id = aws_security_group.analysis.id
  description       = "UI load balancer health checks"
  ip_protocol       = "tcp"
  from_port         = var.ui_port
  to_port           = var.ui_port
  cidr_ipv4         = data.aws_vpc.this.cidr_block
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.analysis.id
  description       = "Kafka, AWS APIs (WAF, API Gateway), webhook destinations, packages"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# Enforcement: exactly the calls the reconciler makes, on exactly the named resources.
data "aws_iam_policy_document" "enforcement" {
  dynamic "statement" {
    for_each = length(var.waf_ip_set_arns) > 0 ? [1] : []
    content {
      sid       = "ManagePeriscopeIpSets"
      actions   = ["wafv2:GetIPSet", "wafv2:UpdateIPSet"]
      resources = var.waf_ip_set_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.api_gateway_rest_api_ids) > 0 ? [1] : []
    content {
      sid       = "MaintainRestApiResourcePolicy"
      actions   = ["apigateway:GET", "apigateway:PATCH"]
      resources = [for id in var.api_gateway_rest_api_ids : "${local.apigw_arn_prefix}/restapis/${id}"]
    }
  }

  dynamic "statement" {
    for_each = length(var.api_gateway_rest_api_ids) > 0 ? [1] : []
    content {
      sid       = "DeployRestApiStages"
      actions   = ["apigateway:POST"]
      resources = [for id in var.api_gateway_rest_api_ids : "${local.apigw_arn_prefix}/restapis/${id}/deployments"]
    }
  }

  # after a start, enforcement reads each stage's current deployment to tell whether a policy change is still owed
  dynamic "statement" {
    for_each = length(var.api_gateway_rest_api_ids) > 0 ? [1] : []
    content {
      sid     = "ReadRestApiDeployments"
      actions = ["apigateway:GET"]
      resources = flatten([for id in var.api_gateway_rest_api_ids : [
        "${local.apigw_arn_prefix}/restapis/${id}/stages/*",
        "${local.apigw_arn_prefix}/restapis/${id}/deployments/*",
      ]])
    }
  }

  dynamic "statement" {
    for_each = var.api_gateway_disable_api_keys ? [1] : []
    content {
      sid       = "DisableAttackerApiKeys"
      actions   = ["apigateway:GET", "apigateway:PATCH"]
      resources = ["${local.apigw_arn_prefix}/apikeys/*"]
    }
  }

  # An empty document is invalid: keep a harmless statement when nothing is enforced (dry-run deployments).
  statement {
    sid       = "DescribeOwnIdentity"
    actions   = ["sts:GetCallerIdentity"]
    resources = ["*"]
  }
}

resource "aws_lb" "ui" {
  name               = "${var.name}-ui"
  internal           = true
  load_balancer_type = "network"
  subnets            = var.subnet_ids
  security_groups    = [aws_security_group.ui_lb.id]
  tags               = var.tags
}

resource "aws_security_group" "ui_lb" {
  name_prefix = "${var.name}-ui-lb-"
  description = "Periscope UI load balancer: admins only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-ui-lb" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "ui_lb_admins" {
  for_each          = toset(var.admin_cidrs)
  security_group_id = aws_security_group.ui_lb.id
  description       = "Periscope UI from admins"
  ip_protocol       = "tcp"
  from_port         = local.ui_tls ? 443 : var.ui_port
  to_port           = local.ui_tls ? 443 : var.ui_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "ui_lb_targets" {
  security_group_id = aws_security_group.ui_lb.id
  description       = "To the API servers"
  ip_protocol       = "tcp"
  from_port         = var.ui_port
  to_port           = var.ui_port
  cidr_ipv4         = data.aws_vpc.this.cidr_block
}

resource "aws_lb_target_group" "ui" {
  name_prefix = "psui-"
  port        = var.ui_port
  protocol    = "TCP"
  target_type = "instance"
  vpc_id      = var.vpc_id

  # /health is the readiness probe: an API server joins only once its read model has caught up with Kafka.
  health_check {
    protocol            = "HTTP"
    port                = tostring(var.ui_port)
    path                = "/health"
    matcher             = "200"
    interval            = 10
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "ui" {
  load_balancer_arn = aws_lb.ui.arn
  port              = local.ui_tls ? 443 : var.ui_port
  protocol          = local.ui_tls ? "TLS" : "TCP"
  certificate_arn   = var.ui_certificate_arn
  ssl_policy        = local.ui_tls ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : null

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ui.arn
  }
}

module "group" {
  source   = "../node"
  for_each = var.groups

  name                   = "${var.name}-${each.key}"
  roles                  = each.value.roles
  vpc_id                 = var.vpc_id
  subnet_ids             = var.subnet_ids
  security_group_ids     = [aws_security_group.analysis.id]
  instance_type          = each.value.instance_type
  architecture           = each.value.architecture
  ami_id                 = var.ami_id
  min_size               = each.value.min_size
  max_size               = each.value.max_size
  desired_capacity       = each.value.desired_capacity
  artifact_s3_uri        = var.artifact_s3_uri
  artifact_sha256        = var.artifact_sha256
  kafka_scram_secret_arn = var.kafka_scram_secret_arn
  environment = merge(
    # alerts link back to the incident in the UI
    { PERISCOPE_HTTP_PORT = tostring(var.ui_port), PERISCOPE_ALERTS_EXTERNAL_BASE_URL = trimsuffix(local.ui_url, "/") },
    var.kafka_environment,
    contains(each.value.roles, "enforcement") ? var.enforcement_environment : {},
    var.environment,
  )
  secret_environment = merge(
    contains(each.value.roles, "api") ? { PERISCOPE_ADMIN_TOKEN = var.admin_token_secret_arn } : {},
    contains(each.value.roles, "api") || contains(each.value.roles, "alerting") ? { PERISCOPE_ALERTS_SECRET_KEY = var.alerts_secret_key_arn } : {},
  )
  target_group_arns = contains(each.value.roles, "api") ? [aws_lb_target_group.ui.arn] : []
  health_check_type = contains(each.value.roles, "api") ? "ELB" : "EC2"
  policy_documents = merge(
    var.kafka_policy_json == null ? {} : { "periscope-kafka" = var.kafka_policy_json },
    contains(each.value.roles, "enforcement") ? { "periscope-enforcement" = data.aws_iam_policy_document.enforcement.json } : {},
  )
  tags = var.tags
}
