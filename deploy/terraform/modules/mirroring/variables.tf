variable "name" {
  description = "Name of the mirroring set-up; prefixes resource names and mirror session names."
  type        = string
  default     = "periscope"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 lower-case letters, digits or dashes."
  }
}

variable "target_nlb_arn" {
  description = "ARN of the receivers' Network Load Balancer (the receivers module's nlb_arn): the mirror target."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:.*:loadbalancer/net/", var.target_nlb_arn))
    error_message = "target_nlb_arn must be the ARN of a Network Load Balancer."
  }
}

variable "source_instance_tags" {
  description = "Tags selecting the EC2 instances whose primary network interface is mirrored (all must match), e.g. { mirror = \"periscope\" }. Only running instances are selected, at plan time: re-apply after scaling the source."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.source_instance_tags : length(k) > 0 && length(k) <= 128])
    error_message = "source_instance_tags must have non-empty keys of at most 128 characters."
  }
}

variable "source_network_interface_tags" {
  description = "Tags selecting further network interfaces to mirror directly (e.g. those of ECS tasks)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.source_network_interface_tags : length(k) > 0 && length(k) <= 128])
    error_message = "source_network_interface_tags must have non-empty keys of at most 128 characters."
  }
}

variable "source_network_interface_ids" {
  description = "Network interfaces to mirror, named explicitly (eni-...), in addition to those selected by tag."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.source_network_interface_ids : can(regex("^eni-[0-9a-f]+$", e))])
    error_message = "source_network_interface_ids must look like eni-0123abcd."
  }
}

variable "ports" {
  description = "TCP ports of the mirrored API (the application's listening ports): inbound traffic to them and outbound traffic from them is mirrored."
  type        = list(number)
  default     = [80, 8080]

  validation {
    condition     = length(var.ports) > 0 && length(var.ports) <= 10 && alltrue([for p in var.ports : p >= 1 && p <= 65535 && floor(p) == p])
    error_message = "ports must hold 1-10 TCP ports (the filter allows 10 rules per direction besides the reject rules)."
  }
}

variable "exclude_cidrs" {
  description = "Peers whose traffic is not mirrored: load balancer health checkers, the receivers' own subnets, monitoring. Reject rules are evaluated before the accept rules."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.exclude_cidrs) <= 5 && alltrue([for c in var.exclude_cidrs : can(cidrhost(c, 0))])
    error_message = "exclude_cidrs must hold at most 5 valid CIDRs (rule numbers 1-5 per direction)."
  }
}

variable "mirror_ipv6" {
  description = "Also mirror IPv6 traffic of the ports (adds ::/0 accept rules)."
  type        = bool
  default     = false
}

variable "packet_length" {
  description = "Bytes of each packet to mirror; null mirrors whole packets, which HTTP reassembly needs (a truncated packet is a gap). Only set it to protect the receivers from jumbo frames above their MTU."
  type        = number
  default     = null

  validation {
    condition     = var.packet_length == null || (try(var.packet_length >= 1 && var.packet_length <= 8947, false))
    error_message = "packet_length must be null or 1-8947."
  }
}

variable "session_number" {
  description = "Priority of the mirror sessions on each ENI (1-32766, lower wins when an ENI has several sessions that match a packet)."
  type        = number
  default     = 1

  validation {
    condition     = var.session_number >= 1 && var.session_number <= 32766
    error_message = "session_number must be between 1 and 32766."
  }
}

variable "vni_by_network_interface" {
  description = "VNI to use per network interface id. Interfaces not listed get a VNI derived from the interface id (stable across applies)."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for v in values(var.vni_by_network_interface) : v >= 0 && v <= 16777215])
    error_message = "VNIs must be between 0 and 16777215."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")])
    error_message = "tags must have keys of at most 128 and values of at most 256 characters, and no aws: prefix."
  }
}
