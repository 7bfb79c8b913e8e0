variable "name" {
  description = "Name of this group of Periscope machines; prefixes every resource name (letters, digits and dashes)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "roles" {
  description = "Periscope roles these machines run (periscope.roles): receiver, discovery, detection, enforcement, alerting, api. All six is the standalone mode."
  type        = list(string)

  validation {
    condition     = length(var.roles) > 0 && alltrue([for r in var.roles : contains(["receiver", "discovery", "detection", "enforcement", "alerting", "api"], r)])
    error_message = "roles must be a non-empty subset of receiver, discovery, detection, enforcement, alerting, api."
  }
}

variable "vpc_id" {
  description = "VPC the machines run in."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123abcd."
  }
}

variable "subnet_ids" {
  description = "Subnets of the Auto Scaling group (one per Availability Zone you want to use)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must hold at least one subnet id (subnet-0123abcd)."
  }
}

variable "security_group_ids" {
  description = "Security groups of the machines (the calling module decides which ports are open)."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) > 0
    error_message = "At least one security group is needed."
  }
}

variable "instance_type" {
  description = "EC2 instance type. The packet path wants a current-generation type with enhanced networking (docs/deploy.md, sizing)."
  type        = string
  default     = "c6i.xlarge"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must look like c6i.xlarge."
  }
}

variable "ami_id" {
  description = "AMI to run. Null: the latest Amazon Linux 2023 for the instance type's architecture, from its public SSM parameter."
  type        = string
  default     = null

  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]+$", var.ami_id))
    error_message = "ami_id must be null or look like ami-0123abcd."
  }
}

variable "architecture" {
  description = "CPU architecture of instance_type, used to pick the Amazon Linux 2023 AMI: x86_64 or arm64."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "min_size" {
  description = "Minimum number of machines."
  type        = number
  default     = 1

  validation {
    condition     = var.min_size >= 0 && floor(var.min_size) == var.min_size
    error_message = "min_size must be a whole number, 0 or more."
  }
}

variable "max_size" {
  description = "Maximum number of machines."
  type        = number
  default     = 1

  validation {
    condition     = var.max_size >= 1 && floor(var.max_size) == var.max_size
    error_message = "max_size must be a whole number, 1 or more."
  }
}

variable "desired_capacity" {
  description = "Machines to run now (between min_size and max_size)."
  type        = number
  default     = 1

  validation {
    condition     = var.desired_capacity >= 0 && floor(var.desired_capacity) == var.desired_capacity
    error_message = "desired_capacity must be a whole number, 0 or more."
  }
}

variable "artifact_s3_uri" {
  description = "S3 URI of the Periscope JAR the machines install (s3://bucket/path/periscope.jar, built by `mvn -B -DskipTests package`). The instance role may read this one object only."
  type        = string

  validation {
    condition     = can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+\\.jar$", var.artifact_s3_uri))
    error_message = "artifact_s3_uri must look like s3://bucket/path/periscope.jar."
  }
}

variable "artifact_sha256" {
  description = "Hex SHA-256 of the JAR; the user data refuses a JAR that does not match. Changing it rolls the group to the new version."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.artifact_sha256))
    error_message = "artifact_sha256 must be 64 lower-case hex digits (sha256sum periscope.jar)."
  }
}

variable "environment" {
  description = "Periscope settings as environment variables (docs/configuration.md: key upper-cased, dots and dashes as underscores), written to /etc/periscope/periscope.env. Never put secrets here: use secret_environment."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.environment : can(regex("^PERISCOPE_[A-Z0-9_]+$", k)) && !can(regex("[\r\n]", v))])
    error_message = "environment keys must be PERISCOPE_ settings in environment-variable form (PERISCOPE_KAFKA_BOOTSTRAP), values on one line."
  }
}

variable "secret_environment" {
  description = "Settings whose values come from AWS Secrets Manager at boot: environment variable name => secret ARN (e.g. PERISCOPE_ADMIN_TOKEN). The instance role may read exactly these secrets; values never appear in Terraform state or user data."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([for k, v in var.secret_environment :
    can(regex("^PERISCOPE_[A-Z0-9_]+$", k)) && can(regex("^arn:aws[a-z-]*:secretsmanager:", v))])
    error_message = "secret_environment must map PERISCOPE_ variable names to Secrets Manager ARNs."
  }
}

variable "java_opts" {
  description = "JVM options (PERISCOPE_JAVA_OPTS)."
  type        = string
  default     = "-XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"

  validation {
    condition     = !can(regex("[\\r\\n]", var.java_opts)) && length(var.java_opts) <= 2048
    error_message = "java_opts must be one line of at most 2048 characters."
  }
}

variable "live_capture_interface" {
  description = "Network interface to capture live with libpcap (periscope.mirror.live.interface) instead of receiving VXLAN; null for none. Only then does the service get CAP_NET_RAW."
  type        = string
  default     = null

  validation {
    condition     = var.live_capture_interface == null || can(regex("^[a-zA-Z0-9._-]{1,15}$", var.live_capture_interface))
    error_message = "live_capture_interface must be an interface name such as ens5."
  }
}

variable "target_group_arns" {
  description = "Load balancer target groups the machines register with."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.target_group_arns : can(regex("^arn:aws[a-z-]*:elasticloadbalancing:.*:targetgroup/", a))])
    error_message = "target_group_arns must be target group ARNs."
  }
}

variable "health_check_type" {
  description = "EC2 or ELB: ELB replaces machines that fail the load balancer's health check."
  type        = string
  default     = "EC2"

  validation {
    condition     = contains(["EC2", "ELB"], var.health_check_type)
    error_message = "health_check_type must be EC2 or ELB."
  }
}

variable "policy_documents" {
  description = "Extra IAM policy documents (JSON) attached to the instance role: what these roles need and nothing more (MSK access, enforcement on named WAF IP sets)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.policy_documents : can(regex("^[A-Za-z0-9+=,.@_-]{1,128}$", k)) && can(jsondecode(v))])
    error_message = "policy_documents must map policy names to JSON policy documents."
  }
}

variable "enable_ssm" {
  description = "Attach AmazonSSMManagedInstanceCore so operators reach the machines with Session Manager instead of SSH."
  type        = bool
  default     = true
}

variable "root_volume_gib" {
  description = "Size of the encrypted gp3 root volume, which also holds /var/lib/periscope (the embedded broker's log and Kafka Streams state in standalone mode)."
  type        = number
  default     = 50

  validation {
    condition     = var.root_volume_gib >= 20 && var.root_volume_gib <= 16384
    error_message = "root_volume_gib must be between 20 and 16384."
  }
}

variable "udp_receive_buffer_bytes" {
  description = "net.core.rmem_max set at boot, so that periscope.mirror.udp.receive-buffer-bytes takes effect and bursts are not dropped by the kernel."
  type        = number
  default     = 33554432

  validation {
    condition     = var.udp_receive_buffer_bytes >= 65536
    error_message = "udp_receive_buffer_bytes must be at least 65536."
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
  description = "With SCRAM authentication to Kafka: the MSK secret holding {\"username\",\"password\"}. The user data writes the password to a file only the service can read (periscope.kafka.sasl.password-file) and sets the user name; null otherwise."
  type        = string
  default     = null

  validation {
    condition     = var.kafka_scram_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:", var.kafka_scram_secret_arn))
    error_message = "kafka_scram_secret_arn must be a Secrets Manager ARN or null."
  }
}
