# Kafka for a scaled-out Periscope: an Amazon MSK cluster with IAM or SCRAM authentication, or your own cluster,
# and what every Periscope machine needs to reach it (environment settings, an IAM policy for IAM auth).

data "aws_region" "current" {}
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  port = var.authentication == "iam" ? 9098 : 9096

  bootstrap = var.create_cluster ? (
    var.authentication == "iam" ? aws_msk_cluster.this[0].bootstrap_brokers_sasl_iam : aws_msk_cluster.this[0].bootstrap_brokers_sasl_scram
  ) : var.bootstrap_servers

  cluster_name = var.create_cluster ? aws_msk_cluster.this[0].cluster_name : "*"
  cluster_uuid = var.create_cluster ? split("/", aws_msk_cluster.this[0].arn)[2] : "*"
  msk_arn      = "arn:${data.aws_partition.current.partition}:kafka:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"
}

resource "aws_security_group" "brokers" {
  count       = var.create_cluster ? 1 : 0
  name_prefix = "${var.name}-msk-"
  description = "MSK brokers of Periscope"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-msk" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  for_each                     = var.create_cluster ? toset(var.client_security_group_ids) : toset([])
  security_group_id            = aws_security_group.brokers[0].id
  description                  = "Kafka clients (Periscope)"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = each.value
}

resource "aws_msk_configuration" "this" {
  count          = var.create_cluster ? 1 : 0
  name           = var.name
  kafka_versions = [var.kafka_version]
  # Periscope creates its topics with the partition counts and cleanup policies it needs; nothing else may.
  server_properties = <<-EOT
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    unclean.leader.election.enable=false
  EOT
}

resource "aws_msk_cluster" "this" {
  count                  = var.create_cluster ? 1 : 0
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = length(var.subnet_ids) * var.brokers_per_zone

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.brokers[0].id]

    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_gib
      }
    }
  }

  client_authentication {
    unauthenticated = false

    sasl {
      iam   = var.authentication == "iam"
      scram = var.authentication == "scram"
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this[0].arn
    revision = aws_msk_configuration.this[0].latest_revision
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.vpc_id != null && length(var.subnet_ids) >= 2
      error_message = "Creating a cluster needs vpc_id and 2 or 3 subnet_ids."
    }

    precondition {
      condition     = var.authentication == "iam" || var.scram_secret_arn != null
      error_message = "SCRAM authentication needs scram_secret_arn."
    }
  }
}

resource "aws_msk_scram_secret_association" "this" {
  count           = var.create_cluster && var.authentication == "scram" ? 1 : 0
  cluster_arn     = aws_msk_cluster.this[0].arn
  secret_arn_list = [var.scram_secret_arn]
}

# IAM access control: connect, manage Periscope's own topics (periscope.*), its consumer groups and the Kafka
# Streams applications' internal topics (periscope-*), and transactional ids (exactly-once in Kafka Streams).
data "aws_iam_policy_document" "client" {
  statement {
    sid       = "Connect"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
    resources = ["${local.msk_arn}:cluster/${local.cluster_name}/${local.cluster_uuid}"]
  }

  statement {
    sid = "PeriscopeTopics"
    actions = [
      "kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:DescribeTopicDynamicConfiguration",
      "kafka-cluster:ReadData", "kafka-cluster:WriteData", "kafka-cluster:AlterTopic",
    ]
    resources = [
      "${local.msk_arn}:topic/${local.cluster_name}/${local.cluster_uuid}/periscope.*",
      "${local.msk_arn}:topic/${local.cluster_name}/${local.cluster_uuid}/periscope-*",
    ]
  }

  statement {
    sid       = "PeriscopeGroups"
    actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
    resources = ["${local.msk_arn}:group/${local.cluster_name}/${local.cluster_uuid}/periscope*"]
  }

  statement {
    sid       = "PeriscopeTransactions"
    actions   = ["kafka-cluster:DescribeTransactionalId", "kafka-cluster:AlterTransactionalId", "kafka-cluster:WriteDataIdempotently"]
    resources = ["${local.msk_arn}:transactional-id/${local.cluster_name}/${local.cluster_uuid}/periscope*", "${local.msk_arn}:cluster/${local.cluster_name}/${local.cluster_uuid}"]
  }
}
