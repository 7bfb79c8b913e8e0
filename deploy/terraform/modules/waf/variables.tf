variable "name" {
  description = "Name prefix of the IP sets, the rule group and the web ACL."
  type        = string
  default     = "periscope"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{1,100}$", var.name))
    error_message = "name must be 2-101 letters, digits, dashes or underscores, starting with a letter."
  }
}

variable "scope" {
  description = "REGIONAL (ALB, API Gateway, AppSync, Cognito, App Runner, Verified Access) or CLOUDFRONT (then the provider must be in us-east-1)."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "CLOUDFRONT"], var.scope)
    error_message = "scope must be REGIONAL or CLOUDFRONT."
  }
}

variable "rule_priority" {
  description = "Priority of Periscope's rule group inside the web ACL created here (lower runs first; put it before rate-based and managed rules)."
  type        = number
  default     = 0

  validation {
    condition     = var.rule_priority >= 0 && floor(var.rule_priority) == var.rule_priority
    error_message = "rule_priority must be a whole number, 0 or more."
  }
}

variable "forwarded_ip_header" {
  description = "When WAF sits behind a proxy or CDN that is not AWS-native (the client address is in a header), the header to match the IP sets against, e.g. X-Forwarded-For; null matches the connection's source address. The rule always uses the LAST address of the header (the one your own proxy added): FIRST is chosen by the client and spoofable."
  type        = string
  default     = null

  validation {
    condition     = var.forwarded_ip_header == null || can(regex("^[A-Za-z0-9-]{1,255}$", var.forwarded_ip_header))
    error_message = "forwarded_ip_header must be a header name."
  }
}

variable "create_web_acl" {
  description = "Create a web ACL (default action allow) holding the rule group. False: add the rule group (output rule_group_arn) to your existing web ACL yourself."
  type        = bool
  default     = true
}

variable "associated_resource_arns" {
  description = "ALBs or API Gateway REST API stages (arn:aws:apigateway:region::/restapis/id/stages/name) to associate with the created web ACL. A resource has one web ACL: if yours already has one, use create_web_acl = false."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.associated_resource_arns : can(regex("^arn:aws[a-z-]*:(elasticloadbalancing|apigateway|appsync|cognito-idp|apprunner|ec2):", a))])
    error_message = "associated_resource_arns must be ARNs of resources a regional web ACL can protect."
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
