# A group of identical Periscope machines: an Auto Scaling group of Amazon Linux 2023 instances whose user data
# installs Java 17, the Periscope JAR and the systemd unit of deploy/systemd, and starts the service with the
# given roles. The receivers and analysis modules are built from it.

data "aws_region" "current" {}
data "aws_partition" "current" {}

data "aws_ssm_parameter" "al2023" {
  count = var.ami_id == null ? 1 : 0
  name  = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${var.architecture}"
}

locals {
  ami_id = var.ami_id != null ? var.ami_id : nonsensitive(data.aws_ssm_parameter.al2023[0].value)

  # s3://bucket/key -> bucket, key
  artifact_bucket = split("/", trimprefix(var.artifact_s3_uri, "s3://"))[0]
  artifact_key    = join("/", slice(split("/", trimprefix(var.artifact_s3_uri, "s3://")), 1, length(split("/", trimprefix(var.artifact_s3_uri, "s3://")))))

  environment = merge(
    {
      PERISCOPE_ROLES    = join(",", var.roles)
      PERISCOPE_DATA_DIR = "/var/lib/periscope"
    },
    var.live_capture_interface == null ? {} : { PERISCOPE_MIRROR_LIVE_INTERFACE = var.live_capture_interface },
    var.environment,
  )

  user_data = templatefile("${path.module}/user-data.sh.tftpl", {
    region                   = data.aws_region.current.name
    artifact_s3_uri          = var.artifact_s3_uri
    artifact_sha256          = var.artifact_sha256
    java_opts                = var.java_opts
    environment              = local.environment
    secret_environment       = var.secret_environment
    unit                     = file("${path.module}/../../../systemd/periscope.service")
    live_capture             = var.live_capture_interface != null
    udp_receive_buffer_bytes = var.udp_receive_buffer_bytes
    kafka_scram_secret_arn   = var.kafka_scram_secret_arn
  })

  readable_secrets = distinct(concat(values(var.secret_environment), var.kafka_scram_secret_arn == null ? [] : [var.kafka_scram_secret_arn]))

  tags = merge(var.tags, { "periscope:group" = var.name, "periscope:roles" = join(" ", var.roles) })
}

resource "aws_iam_role" "this" {
  name_prefix = "${var.name}-"
  description = "Periscope ${join(", ", var.roles)}: ${var.name}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  tags = local.tags
}

# What every machine needs: read its own JAR, read its own secrets. Nothing else unless the caller adds it.
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "ReadPeriscopeArtifact"
    actions   = ["s3:GetObject"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${local.artifact_bucket}/${local.artifact_key}"]
  }

  dynamic "statement" {
    for_each = length(local.readable_secrets) > 0 ? [1] : []
    content {
      sid       = "ReadPeriscopeSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.readable_secrets
    }
  }
}

resource "aws_iam_role_policy" "base" {
  name   = "periscope-base"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.base.json
}

resource "aws_iam_role_policy" "extra" {
  for_each = var.policy_documents
  name     = each.key
  role     = aws_iam_role.this.id
  policy   = each.value
}

resource "aws_iam_role_policy_attachment" "ssm" {
  count      = var.enable_ssm ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "this" {
  name_prefix = "${var.name}-"
  role        = aws_iam_role.this.name
  tags        = local.tags
}

resource "aws_launch_template" "this" {
  name_prefix            = "${var.name}-"
  description            = "Periscope ${join(", ", var.roles)}"
  image_id               = local.ami_id
  instance_type          = var.instance_type
  vpc_security_group_ids = var.security_group_ids
  user_data              = base64gzip(local.user_data)
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.this.arn
  }

  # IMDSv2 only, one hop: a container or a forwarded request on the machine cannot read the role's credentials.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = var.root_volume_gib
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = var.name })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = local.tags
  }

  tags = local.tags
}

resource "aws_autoscaling_group" "this" {
  name_prefix               = "${var.name}-"
  vpc_zone_identifier       = var.subnet_ids
  min_size                  = var.min_size
  max_size                  = var.max_size
  desired_capacity          = var.desired_capacity
  target_group_arns         = var.target_group_arns
  health_check_type         = var.health_check_type
  health_check_grace_period = 300
  # Kafka Streams flushes its state and the receiver drains its queues on SIGTERM (TimeoutStopSec in the unit).
  default_instance_warmup = 120

  launch_template {
    id      = aws_launch_template.this.id
    version = aws_launch_template.this.latest_version
  }

  # A new JAR (artifact_sha256) or new settings make a new launch template version; replace machines a few at
  # a time so the NLB always has healthy receivers and Kafka consumer groups rebalance gradually.
  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 50
    }
  }

  dynamic "tag" {
    for_each = merge(local.tags, { Name = var.name })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    precondition {
      condition     = var.min_size <= var.desired_capacity && var.desired_capacity <= var.max_size
      error_message = "desired_capacity must lie between min_size and max_size."
    }
  }
}
