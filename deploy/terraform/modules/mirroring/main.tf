# VPC Traffic Mirroring into Periscope: a mirror target on the receivers' NLB, a filter that keeps the API's TCP
# traffic and drops noise, and one mirror session per selected source network interface, each with its own VNI so
# that Periscope names the session on every exchange.
#
# Limits (AWS): 3 sessions per source ENI; sources must be Nitro instances (most current types; not T2, C4, M4,
# R4 and older); a filter holds 10 rules per direction; mirrored packets count against the source's bandwidth, and
# a source that runs out of it drops mirrored packets first. See README.md.

data "aws_instances" "sources" {
  count                = length(var.source_instance_tags) > 0 ? 1 : 0
  instance_tags        = var.source_instance_tags
  instance_state_names = ["running"]
}

# The primary interface (device index 0) of each selected instance.
data "aws_network_interfaces" "of_instances" {
  for_each = toset(length(var.source_instance_tags) > 0 ? data.aws_instances.sources[0].ids : [])

  filter {
    name   = "attachment.instance-id"
    values = [each.value]
  }

  filter {
    name   = "attachment.device-index"
    values = ["0"]
  }
}

data "aws_network_interfaces" "by_tag" {
  count = length(var.source_network_interface_tags) > 0 ? 1 : 0
  tags  = var.source_network_interface_tags
}

locals {
  source_enis = toset(concat(
    flatten([for d in data.aws_network_interfaces.of_instances : d.ids]),
    length(var.source_network_interface_tags) > 0 ? data.aws_network_interfaces.by_tag[0].ids : [],
    var.source_network_interface_ids,
  ))

  # A VNI per interface: the user's, or 24 bits of the interface id's SHA-1 (stable, and collisions among a few
  # hundred interfaces are unlikely; the precondition below refuses one).
  vni = { for eni in local.source_enis : eni => lookup(var.vni_by_network_interface, eni, parseint(substr(sha1(eni), 0, 6), 16)) }

  # Accept rules start after the reject rules (1-5); two per port when IPv6 is mirrored.
  accept_cidrs = var.mirror_ipv6 ? ["0.0.0.0/0", "::/0"] : ["0.0.0.0/0"]
  accept_rules = flatten([for i, port in var.ports : [for j, cidr in local.accept_cidrs : {
    key    = "${port}-${j}"
    port   = port
    cidr   = cidr
    number = 10 + i * 2 + j
  }]])
}

resource "aws_ec2_traffic_mirror_target" "nlb" {
  description               = "Periscope receivers (${var.name})"
  network_load_balancer_arn = var.target_nlb_arn
  tags                      = merge(var.tags, { Name = var.name })
}

resource "aws_ec2_traffic_mirror_filter" "api" {
  description = "Periscope: API TCP traffic on ports ${join(", ", var.ports)}"
  tags        = merge(var.tags, { Name = var.name })

  lifecycle {
    precondition {
      condition     = length(var.exclude_cidrs) + length(local.accept_rules) <= 10
      error_message = "A mirror filter holds 10 rules per direction: exclude_cidrs plus ports (twice with mirror_ipv6) must not exceed 10."
    }
  }
}

resource "aws_ec2_traffic_mirror_filter_rule" "reject_ingress" {
  for_each                 = { for i, c in var.exclude_cidrs : tostring(i) => c }
  description              = "Do not mirror traffic from ${each.value}"
  traffic_mirror_filter_id = aws_ec2_traffic_mirror_filter.api.id
  traffic_direction        = "ingress"
  rule_number              = 1 + tonumber(each.key)
  rule_action              = "reject"
  source_cidr_block        = each.value
  destination_cidr_block   = strcontains(each.value, ":") ? "::/0" : "0.0.0.0/0"
}

resource "aws_ec2_traffic_mirror_filter_rule" "reject_egress" {
  for_each                 = { for i, c in var.exclude_cidrs : tostring(i) => c }
  description              = "Do not mirror traffic to ${each.value}"
  traffic_mirror_filter_id = aws_ec2_traffic_mirror_filter.api.id
  traffic_direction        = "egress"
  rule_number              = 1 + tonumber(each.key)
  rule_action              = "reject"
  source_cidr_block        = strcontains(each.value, ":") ? "::/0" : "0.0.0.0/0"
  destination_cidr_block   = each.value
}

# Requests arrive on the source (ingress, destination port = the API port) ...
resource "aws_ec2_traffic_mirror_filter_rule" "accept_ingress" {
  for_each                 = { for r in local.accept_rules : r.key => r }
  description              = "Requests to port ${each.value.port}"
  traffic_mirror_filter_id = aws_ec2_traffic_mirror_filter.api.id
  traffic_direction        = "ingress"
  rule_number              = each.value.number
  rule_action              = "accept"
  protocol                 = 6
  source_cidr_block        = each.value.cidr
  destination_cidr_block   = each.value.cidr

  destination_port_range {
    from_port = each.value.port
    to_port   = each.value.port
  }
}

# ... and responses leave it (egress, source port = the API port). Both are needed to pair exchanges.
resource "aws_ec2_traffic_mirror_filter_rule" "accept_egress" {
  for_each                 = { for r in local.accept_rules : r.key => r }
  description              = "Responses from port ${each.value.port}"
  traffic_mirror_filter_id = aws_ec2_traffic_mirror_filter.api.id
  traffic_direction        = "egress"
  rule_number              = each.value.number
  rule_action              = "accept"
  protocol                 = 6
  source_cidr_block        = each.value.cidr
  destination_cidr_block   = each.value.cidr

  source_port_range {
    from_port = each.value.port
    to_port   = each.value.port
  }
}

resource "aws_ec2_traffic_mirror_session" "source" {
  for_each                 = local.source_enis
  description              = "Periscope: ${each.value}"
  network_interface_id     = each.value
  session_number           = var.session_number
  traffic_mirror_filter_id = aws_ec2_traffic_mirror_filter.api.id
  traffic_mirror_target_id = aws_ec2_traffic_mirror_target.nlb.id
  virtual_network_id       = local.vni[each.value]
  packet_length            = var.packet_length
  tags                     = merge(var.tags, { Name = "${var.name}-${each.value}" })

  lifecycle {
    precondition {
      condition     = length(distinct(values(local.vni))) == length(local.vni)
      error_message = "Two source interfaces got the same VNI; set vni_by_network_interface for one of them."
    }
  }
}
