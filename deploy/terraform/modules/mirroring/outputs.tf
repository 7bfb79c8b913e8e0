output "target_id" {
  description = "Id of the traffic mirror target (the receivers' NLB)."
  value       = aws_ec2_traffic_mirror_target.nlb.id
}

output "filter_id" {
  description = "Id of the traffic mirror filter."
  value       = aws_ec2_traffic_mirror_filter.api.id
}

output "session_ids" {
  description = "Mirror session id by source network interface."
  value       = { for eni, s in aws_ec2_traffic_mirror_session.source : eni => s.id }
}

output "session_names" {
  description = "Session name by VNI, for the receivers (periscope.mirror.sessions.vni.<VNI>): the name every exchange carries."
  value       = { for eni, vni in local.vni : tostring(vni) => format("%s-%s", var.name, eni) }
}
