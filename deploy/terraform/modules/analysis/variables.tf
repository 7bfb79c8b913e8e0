variable "name" {
  description = "Name of the analysis tier; prefixes every resource name."
  type        = string
  default     = "periscope"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,16}[a-z0-9]$", var.name))
    error_message = "name must be 3-18 lower-case letters, digits or dashes (group names are appended)."
  }
}

variable "vpc_id" {
  description = "VPC of the analysis machines."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123abcd."
  }
}

variable "subnet_ids" {
  description = "Private subnets of the analysis machines and the UI load balancer."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must hold at least one subnet id."
  }
}

variable "groups" {
  description = <<-EOT
    Machine groups of the analysis roles, by group name. Each runs the listed roles (discovery, detection,
    enforcement, alerting, api) on its own Auto Scaling group. One group with all five is the small deployment; one group per
    role scales each on its own. Exactly one group may run enforcement (one reconciler per IP set is the
    documented mode; a second one would be safe but wasteful), and at least one must run api.
  EOT
  type = map(object({
    roles            = list(string)
    instance_type    = optional(string, "m6i.large")
    architecture     = optional(string, "x86_64")
    min_size         = optional(number, 1)
    max_size         = optional(number, 2)
    desired_capacity = optional(number, 1)
  }))
  default = {
    analysis = { roles = ["discovery", "detection", "enforcement", "alerting", "api"] }
  }

  validation {
    condition = length(var.groups) > 0 && alltrue([for g in values(var.groups) :
      length(g.roles) > 0 && alltrue([for r in g.roles : contains(["discovery", "detection", "enforcement", "alerting", "api"], r)])
    ]) && alltrue([for k in keys(var.groups) : can(regex("^[a-z][a-z0-9-]{0,12}$", k))])
    error_message = "Each group needs roles from discovery, detection, enforcement, alerting, api, and a name of up to 13 lower-case letters, digits or dashes."
  }

  validation {
    condition     = length([for g in values(var.groups) : g if contains(g.roles, "api")]) >= 1
    error_message = "At least one group must run the api role (the UI and REST API)."
  }

  validation {
    condition     = length([for g in values(var.groups) : g if contains(g.roles, "enforcement")]) <= 1
    error_message = "At most one group may run the enforcement role."
  }
}

variable "kafka_environment" {
  description = "Kafka settings as environment variables (the kafka module's client_environment output). Required: the analysis roles share state through Kafka."
  type        = map(string)

  validation {
    condition     = contains(keys(var.kafka_environment), "PERISCOPE_KAFKA_BOOTSTRAP")
    error_message = "kafka_environment must set PERISCOPE_KAFKA_BOOTSTRAP."
  }
}

variable "kafka_policy_json" {
  description = "IAM policy for Kafka (the kafka module's client_policy_json with IAM auth); null for none."
  type        = string
  default     = null

  validation {
    condition     = var.kafka_policy_json == null || can(jsondecode(var.kafka_policy_json))
    error_message = "kafka_policy_json must be a JSON policy document or null."
  }
}

variable "admin_cidrs" {
  description = "CIDRs allowed to reach the UI and REST API."
  type        = list(string)

  validation {
    condition     = length(var.admin_cidrs) > 0 && alltrue([for c in var.admin_cidrs : can(cidrhost(c, 0)) && !startswith(c, "0.0.0.0/")])
    error_message = "admin_cidrs must hold at least one valid CIDR, and not 0.0.0.0/0."
  }
}

variable "ui_port" {
  description = "HTTP port of the UI and REST API on the machines (periscope.http.port)."
  type        = number
  default     = 8080

  validation {
    condition     = var.ui_port >= 1024 && var.ui_port <= 65535
    error_message = "ui_port must be an unprivileged port."
  }
}

variable "ui_certificate_arn" {
  description = "ACM certificate of the UI's TLS listener (443). Null: a plain TCP listener on ui_port — only for a private network you trust."
  type        = string
  default     = null

  validation {
    condition     = var.ui_certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:", var.ui_certificate_arn))
    error_message = "ui_certificate_arn must be an ACM certificate ARN or null."
  }
}

variable "admin_token_secret_arn" {
  description = "Secrets Manager secret holding the admin token (at least 32 characters), so API servers starting together share one (PERISCOPE_ADMIN_TOKEN)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.admin_token_secret_arn))
    error_message = "admin_token_secret_arn must be a Secrets Manager ARN."
  }
}

variable "alerts_secret_key_arn" {
  description = "Secrets Manager secret holding the key that seals alert destinations' signing secrets on Kafka (base64 of 32 bytes, PERISCOPE_ALERTS_SECRET_KEY), the same on every alerting and api machine."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.alerts_secret_key_arn))
    error_message = "alerts_secret_key_arn must be a Secrets Manager ARN."
  }
}

variable "waf_ip_set_arns" {
  description = "ARNs of the two WAF IP sets the enforcement role manages (the waf module's outputs). The enforcement role may call only wafv2:GetIPSet and wafv2:UpdateIPSet, only on these."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.waf_ip_set_arns) <= 2 && alltrue([for a in var.waf_ip_set_arns : can(regex("^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:(regional|global)/ipset/", a))])
    error_message = "waf_ip_set_arns must be at most two wafv2 IP set ARNs."
  }
}

variable "api_gateway_rest_api_ids" {
  description = "Ids of the REST APIs whose resource policy the enforcement role maintains (a Deny on aws:SourceIp), with a deployment of their stages."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.api_gateway_rest_api_ids : can(regex("^[a-z0-9]{10}$", id))])
    error_message = "api_gateway_rest_api_ids must be REST API ids (10 lower-case letters and digits)."
  }
}

variable "api_gateway_disable_api_keys" {
  description = "Allow the enforcement role to disable API keys (apigateway PATCH on /apikeys/*) for incidents whose principal is an API key."
  type        = bool
  default     = false
}

variable "enforcement_environment" {
  description = "Settings of the enforcement role (mode, IP set names and ids, policy) as environment variables (docs/enforcement.md)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.enforcement_environment : can(regex("^PERISCOPE_ENFORCEMENT_[A-Z0-9_]+$", k)) && !can(regex("[\\r\\n]", v))])
    error_message = "enforcement_environment keys must be PERISCOPE_ENFORCEMENT_ settings, values on one line."
  }
}

variable "environment" {
  description = "Further Periscope settings for every group, as environment variables."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.environment : can(regex("^PERISCOPE_[A-Z0-9_]+$", k)) && !can(regex("[\\r\\n]", v))])
    error_message = "environment keys must be PERISCOPE_ settings in environment-variable form, values on one line."
  }
}

variable "ami_id" {
  description = "AMI of the machines; null for the latest Amazon Linux 2023."
  type        = string
  default     = null

  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]+$", var.ami_id))
    error_message = "ami_id must be null or look like ami-0123abcd."
  }
}

variable "artifact_s3_uri" {
  description = "S3 URI of the Periscope JAR."
  type        = string

  validation {
    condition     = can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+\\.jar$", var.artifact_s3_uri))
    error_message = "artifact_s3_uri must look like s3://bucket/path/periscope.jar."
  }
}

variable "artifact_sha256" {
  description = "Hex SHA-256 of the JAR."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.artifact_sha256))
    error_message = "artifact_sha256 must be 64 lower-case hex digits (sha256sum periscope.jar)."
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

variable "kafka_scram_secret_arn" {
  description = "With SCRAM authentication: the MSK secret of the Kafka user (the kafka module's scram_secret_arn output); null with IAM or the embedded broker."
  type        = string
  default     = null

  validation {
    condition     = var.kafka_scram_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:", var.kafka_scram_secret_arn))
    error_message = "kafka_scram_secret_arn must be a Secrets Manager ARN or null."
  }
}
