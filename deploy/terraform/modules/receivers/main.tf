# Periscope receivers: an Auto Scaling group behind an internal Network Load Balancer that takes the VPC Traffic
# Mirroring stream (VXLAN, UDP 4789) and spreads it over the receivers.

data "aws_vpc" "this" {
  id = var.vpc_id
}

locals {
  serves_ui = contains(var.roles, "api")

  environment = merge(
    {
      PERISCOPE_MIRROR_HEALTH_PORT = tostring(var.health_port)
      PERISCOPE_HTTP_PORT          = tostring(var.ui_port)
    },
    local.serves_ui ? { PERISCOPE_ALERTS_EXTERNAL_BASE_URL = "http://${aws_lb.mirror.dns_name}:${var.ui_port}" } : {},
    { for vni, session in var.mirror_session_names : format("PERISCOPE_MIRROR_SESSIONS_VNI_%s", vni) => session },
    var.kafka_environment,
    var.environment,
  )
}

resource "aws_security_group" "receivers" {
  name_prefix = "${var.name}-"
  description = "Periscope receivers: VXLAN from the mirror sources, health checks from the NLB"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = var.name })

  lifecycle {
    create_before_destroy = true
  }
}

# Traffic Mirroring keeps the mirror source's address on the VXLAN packets and the NLB preserves it for UDP, so the
# receivers see the mirrored ENIs as senders: only they may send to 4789.
resource "aws_vpc_security_group_ingress_rule" "vxlan" {
  for_each          = toset(var.mirrored_cidrs)
  security_group_id = aws_security_group.receivers.id
  description       = "VXLAN from mirror sources"
  ip_protocol       = "udp"
  from_port         = 4789
  to_port           = 4789
  cidr_ipv4         = each.value
}

# NLB health checks come from the load balancer's own addresses in the VPC.
resource "aws_vpc_security_group_ingress_rule" "health" {
  security_group_id = aws_security_group.receivers.id
  description       = "NLB health checks"
  ip_protocol       = "tcp"
  from_port         = var.health_port
  to_port           = var.health_port
  cidr_ipv4         = data.aws_vpc.this.cidr_block
}

resource "aws_vpc_security_group_ingress_rule" "ui" {
  for_each          = local.serves_ui ? toset(var.admin_cidrs) : toset([])
  security_group_id = aws_security_group.receivers.id
  description       = "Periscope UI and REST API from admins"
  ip_protocol       = "tcp"
  from_port         = var.ui_port
  to_port           = var.ui_port
  cidr_ipv4         = each.value
}

# Out: Kafka, S3 (the JAR), Secrets Manager, SSM, the package repository. Periscope itself never fetches anything a
# packet names.
resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.receivers.id
  description       = "Kafka, AWS APIs, packages"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_lb" "mirror" {
  name                             = "${var.name}-nlb"
  internal                         = true
  load_balancer_type               = "network"
  subnets                          = var.subnet_ids
  enable_cross_zone_load_balancing = true
  tags                             = var.tags
}

resource "aws_lb_target_group" "vxlan" {
  name_prefix = "psvx-"
  port        = 4789
  protocol    = "UDP"
  target_type = "instance"
  vpc_id      = var.vpc_id
  # Receivers finish the connections they hold during a scale-in (Kafka offsets are already committed per exchange).
  deregistration_delay = 30

  # The NLB hashes UDP by 5-tuple; every mirrored packet of one session has the same outer 5-tuple, and
  # source-IP stickiness keeps one mirror source on one receiver, so both directions of a connection meet.
  stickiness {
    enabled = true
    type    = "source_ip"
  }

  health_check {
    protocol            = "TCP"
    port                = tostring(var.health_port)
    interval            = 10
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "vxlan" {
  load_balancer_arn = aws_lb.mirror.arn
  port              = 4789
  protocol          = "UDP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.vxlan.arn
  }
}

module "node" {
  source = "../node"

  name                   = var.name
  roles                  = var.roles
  vpc_id                 = var.vpc_id
  subnet_ids             = var.subnet_ids
  security_group_ids     = [aws_security_group.receivers.id]
  instance_type          = var.instance_type
  architecture           = var.architecture
  ami_id                 = var.ami_id
  min_size               = var.min_size
  max_size               = var.max_size
  desired_capacity       = var.desired_capacity
  artifact_s3_uri        = var.artifact_s3_uri
  artifact_sha256        = var.artifact_sha256
  kafka_scram_secret_arn = var.kafka_scram_secret_arn
  environment            = local.environment
  secret_environment     = var.secret_environment
  target_group_arns      = concat([aws_lb_target_group.vxlan.arn], aws_lb_target_group.ui[*].arn)
  health_check_type      = "ELB"
  policy_documents       = var.kafka_policy_json == null ? {} : { "periscope-kafka" = var.kafka_policy_json }
  tags                   = var.tags
}

# The embedded broker is private to its machine: without an external Kafka, two receivers would build two
# catalogs that never meet.
resource "terraform_data" "standalone_guard" {
  input = length(var.kafka_environment)

  lifecycle {
    precondition {
      condition     = length(var.kafka_environment) > 0 || var.max_size == 1
      error_message = "Without kafka_environment (external Kafka) the receiver runs the embedded broker: max_size must be 1."
    }
  }
}

# Standalone mode (roles include api): the UI and REST API on the same internal NLB, TCP, client address preserved
# (the receivers' security group admits admin_cidrs only).
resource "aws_lb_target_group" "ui" {
  count       = local.serves_ui ? 1 : 0
  name_prefix = "psui-"
  port        = var.ui_port
  protocol    = "TCP"
  target_type = "instance"
  vpc_id      = var.vpc_id

  health_check {
    protocol = "HTTP"
    port     = tostring(var.ui_port)
    path     = "/health/live"
    matcher  = "200"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "ui" {
  count             = local.serves_ui ? 1 : 0
  load_balancer_arn = aws_lb.mirror.arn
  port              = var.ui_port
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ui[0].arn
  }
}
