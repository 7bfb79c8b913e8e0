variable "name" {
  description = "Name of the MSK cluster and its resources."
  type        = string
  default     = "periscope"

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{0,63}$", var.name))
    error_message = "name must be 1-64 letters, digits or dashes, starting with a letter."
  }
}

variable "create_cluster" {
  description = "Create an Amazon MSK cluster. False: bring your own Kafka (bootstrap_servers)."
  type        = bool
  default     = true
}

variable "bootstrap_servers" {
  description = "Bootstrap servers of your own Kafka or MSK cluster (host:port,...), when create_cluster is false."
  type        = string
  default     = null

  validation {
    condition     = var.bootstrap_servers == null || can(regex("^[A-Za-z0-9.-]+:[0-9]{1,5}(,[A-Za-z0-9.-]+:[0-9]{1,5})*$", var.bootstrap_servers))
    error_message = "bootstrap_servers must look like host:port[,host:port...]."
  }
}

variable "authentication" {
  description = "Client authentication: iam (MSK IAM access control, port 9098: no password anywhere) or scram (SASL/SCRAM-SHA-512, port 9096, user and password in a Secrets Manager secret)."
  type        = string
  default     = "iam"

  validation {
    condition     = contains(["iam", "scram"], var.authentication)
    error_message = "authentication must be iam or scram."
  }
}

variable "scram_secret_arn" {
  description = "With scram: the Secrets Manager secret (name starting AmazonMSK_, encrypted with a customer managed KMS key) holding {\"username\",\"password\"}; associated with the created cluster."
  type        = string
  default     = null

  validation {
    condition     = var.scram_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:.*:secret:AmazonMSK_", var.scram_secret_arn))
    error_message = "scram_secret_arn must be a Secrets Manager ARN whose name starts with AmazonMSK_."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
  default     = null

  validation {
    condition     = var.vpc_id == null || can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123abcd."
  }
}

variable "subnet_ids" {
  description = "Subnets of the brokers, in 2 or 3 Availability Zones (one broker per zone per broker_per_zone)."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.subnet_ids) == 0 || (length(var.subnet_ids) >= 2 && length(var.subnet_ids) <= 3)
    error_message = "subnet_ids must hold 2 or 3 subnets in different Availability Zones."
  }
}

variable "client_security_group_ids" {
  description = "Security groups of Periscope's machines (receivers, analysis) allowed to reach the brokers."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for g in var.client_security_group_ids : can(regex("^sg-[0-9a-f]+$", g))])
    error_message = "client_security_group_ids must look like sg-0123abcd."
  }
}

variable "kafka_version" {
  description = "Apache Kafka version of the cluster."
  type        = string
  default     = "3.7.x"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.([0-9]+|x)(\\.tiered)?$", var.kafka_version))
    error_message = "kafka_version must look like 3.7.x or 3.6.0."
  }
}

variable "broker_instance_type" {
  description = "Broker instance type. kafka.m7g.large holds a few hundred MB/s of exchanges (docs/deploy.md)."
  type        = string
  default     = "kafka.m7g.large"

  validation {
    condition     = startswith(var.broker_instance_type, "kafka.")
    error_message = "broker_instance_type must be an MSK type (kafka.m7g.large)."
  }
}

variable "brokers_per_zone" {
  description = "Brokers per Availability Zone."
  type        = number
  default     = 1

  validation {
    condition     = var.brokers_per_zone >= 1 && var.brokers_per_zone <= 10
    error_message = "brokers_per_zone must be 1-10."
  }
}

variable "broker_volume_gib" {
  description = "EBS storage per broker. periscope.exchanges keeps one day: size for a day of exchanges times the replication factor (docs/deploy.md)."
  type        = number
  default     = 500

  validation {
    condition     = var.broker_volume_gib >= 1 && var.broker_volume_gib <= 16384
    error_message = "broker_volume_gib must be 1-16384."
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
