variable "name" {
  description = "Name of the receiver tier; prefixes every resource name."
  type        = string
  default     = "periscope-receivers"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,24}[a-z0-9]$", var.name))
    error_message = "name must be 3-26 lower-case letters, digits or dashes (the NLB name adds a suffix within AWS's 32 characters)."
  }
}

variable "vpc_id" {
  description = "VPC of the receivers and their Network Load Balancer (the mirrored VPC, or one peered with it)."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123abcd."
  }
}

variable "subnet_ids" {
  description = "Private subnets of the NLB and the receivers, one per Availability Zone."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must hold at least one subnet id (subnet-0123abcd)."
  }
}

variable "mirrored_cidrs" {
  description = "CIDRs of the mirror sources (the ENIs whose traffic is mirrored): the only senders allowed to reach UDP 4789."
  type        = list(string)

  validation {
    condition     = length(var.mirrored_cidrs) > 0 && alltrue([for c in var.mirrored_cidrs : can(cidrhost(c, 0)) && !startswith(c, "0.0.0.0/")])
    error_message = "mirrored_cidrs must hold at least one valid CIDR, and not 0.0.0.0/0."
  }
}

variable "admin_cidrs" {
  description = "CIDRs allowed to reach the UI and REST API port (only used when roles include api, the standalone mode)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.admin_cidrs : can(cidrhost(c, 0)) && !startswith(c, "0.0.0.0/")])
    error_message = "admin_cidrs must be valid CIDRs, and not 0.0.0.0/0."
  }
}

variable "roles" {
  description = "Roles of the receiver machines: [\"receiver\"] when Kafka is external, or all six (standalone: one machine with the embedded broker)."
  type        = list(string)
  default     = ["receiver"]

  validation {
    condition     = contains(var.roles, "receiver")
    error_message = "roles must include receiver."
  }
}

variable "kafka_environment" {
  description = "Kafka settings of the receivers as environment variables (the kafka module's client_environment output). Empty: the embedded broker (standalone, exactly one machine)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.kafka_environment : can(regex("^PERISCOPE_KAFKA_[A-Z0-9_]+$", k)) && !can(regex("[\\r\\n]", v))])
    error_message = "kafka_environment keys must be PERISCOPE_KAFKA_ settings, values on one line."
  }
}

variable "kafka_policy_json" {
  description = "IAM policy the receivers need for Kafka (the kafka module's client_policy_json with IAM auth); null for none."
  type        = string
  default     = null

  validation {
    condition     = var.kafka_policy_json == null || can(jsondecode(var.kafka_policy_json))
    error_message = "kafka_policy_json must be a JSON policy document or null."
  }
}

variable "mirror_session_names" {
  description = "Name of each mirror session by VNI (the mirroring module's session_names output); carried by every exchange."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for vni, n in var.mirror_session_names : can(tonumber(vni)) && tonumber(vni) >= 0 && tonumber(vni) <= 16777215 && can(regex("^[A-Za-z0-9._-]{1,64}$", n))])
    error_message = "mirror_session_names keys must be VNIs (0-16777215) and values names of letters, digits, dots, dashes and underscores."
  }
}

variable "environment" {
  description = "Further Periscope settings as environment variables (docs/configuration.md)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.environment : can(regex("^PERISCOPE_[A-Z0-9_]+$", k)) && !can(regex("[\\r\\n]", v))])
    error_message = "environment keys must be PERISCOPE_ settings in environment-variable form, values on one line."
  }
}

variable "secret_environment" {
  description = "Settings read from Secrets Manager at boot: variable name => secret ARN. Receivers need PERISCOPE_FINGERPRINT_SECRET (the same on every receiver, or one token looks like several principals)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.secret_environment : can(regex("^PERISCOPE_[A-Z0-9_]+$", k)) && can(regex("^arn:aws[a-z-]*:secretsmanager:", v))])
    error_message = "secret_environment must map PERISCOPE_ variable names to Secrets Manager ARNs."
  }
}

variable "instance_type" {
  description = "Receiver instance type. One core handles about 150 k packets/s warm (docs/deploy.md)."
  type        = string
  default     = "c6i.xlarge"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must look like c6i.xlarge."
  }
}

variable "architecture" {
  description = "x86_64 or arm64, matching instance_type."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "ami_id" {
  description = "AMI of the receivers; null for the latest Amazon Linux 2023."
  type        = string
  default     = null

  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]+$", var.ami_id))
    error_message = "ami_id must be null or look like ami-0123abcd."
  }
}

variable "min_size" {
  description = "Minimum number of receivers."
  type        = number
  default     = 1

  validation {
    condition     = var.min_size >= 0 && floor(var.min_size) == var.min_size
    error_message = "min_size must be a whole number, 0 or more."
  }
}

variable "max_size" {
  description = "Maximum number of receivers (1 without external Kafka)."
  type        = number
  default     = 4

  validation {
    condition     = var.max_size >= 1 && floor(var.max_size) == var.max_size
    error_message = "max_size must be a whole number, 1 or more."
  }
}

variable "desired_capacity" {
  description = "Receivers to run now."
  type        = number
  default     = 2

  validation {
    condition     = var.desired_capacity >= 0 && floor(var.desired_capacity) == var.desired_capacity
    error_message = "desired_capacity must be a whole number, 0 or more."
  }
}

variable "artifact_s3_uri" {
  description = "S3 URI of the Periscope JAR (s3://bucket/path/periscope.jar)."
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

variable "health_port" {
  description = "TCP port of the receivers' NLB health-check listener (periscope.mirror.health.port). It opens only once the receiver is ready, warm-up done."
  type        = number
  default     = 4789

  validation {
    condition     = var.health_port >= 1024 && var.health_port <= 65535
    error_message = "health_port must be an unprivileged port (1024-65535)."
  }
}

variable "ui_port" {
  description = "HTTP port of the UI and REST API (periscope.http.port), open to admin_cidrs when roles include api."
  type        = number
  default     = 8080

  validation {
    condition     = var.ui_port >= 1024 && var.ui_port <= 65535 && var.ui_port != 4789
    error_message = "ui_port must be an unprivileged port other than 4789."
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
