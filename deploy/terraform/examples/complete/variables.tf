variable "region" {
  description = "AWS region of the VPC whose API traffic is mirrored."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like eu-west-1."
  }
}

variable "name" {
  description = "Name of this Periscope deployment; prefixes every resource."
  type        = string
  default     = "periscope"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,12}[a-z0-9]$", var.name))
    error_message = "name must be 3-14 lower-case letters, digits or dashes."
  }
}

variable "vpc_id" {
  description = "The VPC with the API to protect (Periscope runs in it)."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123abcd."
  }
}

variable "private_subnet_ids" {
  description = "Private subnets for Periscope (receivers, NLBs, analysis machines, MSK brokers), 2 or 3 in different Availability Zones."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2 && length(var.private_subnet_ids) <= 3 && alltrue([for s in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "private_subnet_ids must hold 2 or 3 subnet ids."
  }
}

variable "mirrored_cidrs" {
  description = "CIDRs of the instances whose traffic is mirrored (usually the VPC's CIDR)."
  type        = list(string)

  validation {
    condition     = length(var.mirrored_cidrs) > 0 && alltrue([for c in var.mirrored_cidrs : can(cidrhost(c, 0))])
    error_message = "mirrored_cidrs must hold valid CIDRs."
  }
}

variable "admin_cidrs" {
  description = "CIDRs of the people and tools that use the Periscope UI and REST API (VPN, bastion)."
  type        = list(string)

  validation {
    condition     = length(var.admin_cidrs) > 0 && alltrue([for c in var.admin_cidrs : can(cidrhost(c, 0)) && !startswith(c, "0.0.0.0/")])
    error_message = "admin_cidrs must hold valid CIDRs, and not 0.0.0.0/0."
  }
}

variable "source_instance_tags" {
  description = "Tags of the API's instances to mirror, e.g. { app = \"ledger-api\" }."
  type        = map(string)

  validation {
    condition     = length(var.source_instance_tags) > 0
    error_message = "source_instance_tags must select the instances to mirror."
  }
}

variable "api_ports" {
  description = "TCP ports the API's instances listen on (plain HTTP behind the load balancer that terminates TLS)."
  type        = list(number)
  default     = [8080]

  validation {
    condition     = length(var.api_ports) > 0 && alltrue([for p in var.api_ports : p >= 1 && p <= 65535])
    error_message = "api_ports must hold TCP ports."
  }
}

variable "exclude_cidrs" {
  description = "Peers not to mirror (health checkers, monitoring)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.exclude_cidrs : can(cidrhost(c, 0))])
    error_message = "exclude_cidrs must hold valid CIDRs."
  }
}

variable "artifact_s3_uri" {
  description = "S3 URI of the Periscope JAR you uploaded (mvn -B -DskipTests package; aws s3 cp api-server/target/periscope.jar s3://...)."
  type        = string

  validation {
    condition     = can(regex("^s3://.+\\.jar$", var.artifact_s3_uri))
    error_message = "artifact_s3_uri must look like s3://bucket/path/periscope.jar."
  }
}

variable "artifact_sha256" {
  description = "sha256sum of the JAR."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.artifact_sha256))
    error_message = "artifact_sha256 must be 64 lower-case hex digits."
  }
}

variable "scale_out" {
  description = "false: one standalone machine (embedded Kafka, all roles), the quickest start. true: MSK, a receiver group behind the NLB and the analysis roles on their own groups."
  type        = bool
  default     = false
}

variable "ui_certificate_arn" {
  description = "ACM certificate for the UI's TLS listener in scale-out mode; null for plain TCP on the private network."
  type        = string
  default     = null

  validation {
    condition     = var.ui_certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:", var.ui_certificate_arn))
    error_message = "ui_certificate_arn must be an ACM certificate ARN or null."
  }
}

variable "enforcement_mode" {
  description = "off, dry-run (decide and record, touch nothing in AWS) or enforce."
  type        = string
  default     = "dry-run"

  validation {
    condition     = contains(["off", "dry-run", "enforce"], var.enforcement_mode)
    error_message = "enforcement_mode must be off, dry-run or enforce."
  }
}

variable "waf_protected_resource_arns" {
  description = "ALBs or API Gateway stages in front of the API to associate with Periscope's web ACL (they must not already have one)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.waf_protected_resource_arns : can(regex("^arn:aws[a-z-]*:(elasticloadbalancing|apigateway):", a))])
    error_message = "waf_protected_resource_arns must be ALB or API Gateway stage ARNs."
  }
}

variable "waf_forwarded_ip_header" {
  description = "Header carrying the client address when WAF sits behind a proxy or CDN (matched at position LAST); null for the connection's source address."
  type        = string
  default     = null

  validation {
    condition     = var.waf_forwarded_ip_header == null || can(regex("^[A-Za-z0-9-]{1,255}$", var.waf_forwarded_ip_header))
    error_message = "waf_forwarded_ip_header must be a header name or null."
  }
}

variable "api_gateway_rest_api_ids" {
  description = "REST APIs whose resource policy Periscope maintains (Deny on aws:SourceIp)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.api_gateway_rest_api_ids : can(regex("^[a-z0-9]{10}$", id))])
    error_message = "api_gateway_rest_api_ids must be REST API ids (10 lower-case letters and digits)."
  }
}
