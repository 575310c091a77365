//! Error codes that belong to one product rather than to API 3.0 as a whole.

/// A product's own error code, as documented for that product.
///
/// ```
/// use tencentcloud_envelope::product_code;
///
/// let code = product_code("cbs", "InvalidDisk.Busy").expect("a CBS code");
/// assert_eq!(code.service(), "cbs");
/// assert!(code.description().contains("busy"));
/// assert!(product_code("cvm", "InvalidDisk.Busy").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductCode {
    service: &'static str,
    code: &'static str,
    description: &'static str,
}

impl ProductCode {
    /// The product's short service name, as in its host name (`cbs`).
    pub fn service(&self) -> &'static str {
        self.service
    }

    /// The code, as the product sends it.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// What the code means, in one sentence.
    pub fn description(&self) -> &'static str {
        self.description
    }
}

/// The code `code` as product `service` documents it, if it does.
pub fn product_code(service: &str, code: &str) -> Option<ProductCode> {
    product_codes().find(|known| known.service == service && known.code == code)
}

/// Every product code built into the crate, product by product.
pub fn product_codes() -> impl Iterator<Item = ProductCode> {
    PRODUCTS.iter().flat_map(|&(service, codes)| {
        codes.iter().map(move |&(code, description)| ProductCode {
            service,
            code,
            description,
        })
    })
}

const PRODUCTS: &[(&str, &[(&str, &str)])] = &[("cbs", CBS)];

/// Cloud Block Storage, API version 2017-03-12.
const CBS: &[(&str, &str)] = &[
    (
        "AuthFailure",
        "The CAM signature or authentication check failed.",
    ),
    (
        "InsufficientRefundQuota",
        "The account has returned as many cloud disks as it may; no more can be returned.",
    ),
    (
        "InsufficientSnapshotQuota",
        "The snapshot quota is used up.",
    ),
    ("InternalError", "The service hit an internal error."),
    (
        "InternalError.ComponentError",
        "A component the service depends on failed; contact support if it persists.",
    ),
    (
        "InternalError.FailQueryResource",
        "Looking the resource up failed.",
    ),
    (
        "InternalError.ResourceOpFailed",
        "The operation on the resource failed; the message gives the reason. Retry later.",
    ),
    (
        "InvalidAccount.InsufficientBalance",
        "The account balance is too low for the purchase.",
    ),
    (
        "InvalidAutoSnapshotPolicyId.NotFound",
        "No scheduled snapshot policy has the given `AutoSnapshotPolicyId`.",
    ),
    (
        "InvalidDisk.AlreadyBound",
        "The cloud disk is already bound to a scheduled snapshot policy.",
    ),
    (
        "InvalidDisk.Busy",
        "The cloud disk is busy with another operation; retry later.",
    ),
    ("InvalidDisk.Expire", "The cloud disk has expired."),
    (
        "InvalidDisk.NotPortable",
        "The operation needs an elastic cloud disk, and this one is not.",
    ),
    (
        "InvalidDisk.NotSupportSnapshot",
        "The cloud disk cannot take snapshots.",
    ),
    (
        "InvalidDisk.NotSupported",
        "The cloud disk does not support this operation.",
    ),
    (
        "InvalidDisk.SnapshotCreating",
        "A snapshot of the cloud disk is being created; retry later.",
    ),
    (
        "InvalidDisk.TypeError",
        "The cloud disk type is not valid here.",
    ),
    (
        "InvalidDiskId.NotFound",
        "No cloud disk has the given `DiskId`.",
    ),
    ("InvalidFilter", "The filter is not supported."),
    (
        "InvalidInstance.NotSupported",
        "The instance cannot have cloud disks attached.",
    ),
    (
        "InvalidInstanceId.NotFound",
        "No instance has the given `InstanceId`.",
    ),
    ("InvalidParameter", "A parameter is wrong."),
    (
        "InvalidParameter.DiskConfigNotSupported",
        "This cloud disk configuration is not offered in the region.",
    ),
    (
        "InvalidParameter.DiskSizeNotMatch",
        "The cloud disk size does not match the snapshot size.",
    ),
    (
        "InvalidParameter.InvalidClientToken",
        "The `ClientToken` cannot be used.",
    ),
    (
        "InvalidParameter.ProjectIdNotExist",
        "No project has the given id.",
    ),
    (
        "InvalidParameter.ShouldConvertSnapshotToImage",
        "The snapshot must be turned into an image first.",
    ),
    ("InvalidParameterValue", "A parameter value is not valid."),
    (
        "InvalidParameterValue.BindDiskLimitExceeded",
        "Too many tags would be bound to the cloud disk.",
    ),
    (
        "InvalidParameterValue.LimitExceeded",
        "A parameter has more values than allowed.",
    ),
    (
        "InvalidSnapshot.NotSupported",
        "The snapshot does not support this operation.",
    ),
    (
        "InvalidSnapshotId.NotFound",
        "No snapshot has the given `SnapshotId`.",
    ),
    (
        "LimitExceeded.AutoSnapshotPolicyOutOfQuota",
        "The account has as many scheduled snapshot policies as it may.",
    ),
    (
        "LimitExceeded.InstanceAttachedDisk",
        "The instance has as many cloud disks attached as it may.",
    ),
    (
        "LimitExceeded.TagQuotaLimitExceeded",
        "Calls to the tag service came too fast.",
    ),
    ("MissingParameter", "A required parameter is missing."),
    ("ResourceBusy", "The resource is busy; retry later."),
    ("ResourceInUse", "The resource is in use."),
    (
        "ResourceInUse.CopySnapshotConflict",
        "The snapshot is already being copied to the destination region.",
    ),
    (
        "ResourceInUse.DiskMigrating",
        "The cloud disk is being migrated; retry later.",
    ),
    (
        "ResourceInUse.DiskRollbacking",
        "The cloud disk is being rolled back; retry later.",
    ),
    (
        "ResourceInsufficient",
        "Not enough resources are available.",
    ),
    (
        "ResourceInsufficient.OverQuota",
        "The quota is not large enough.",
    ),
    (
        "ResourceInsufficient.OverRefundQuota",
        "The account has returned as many cloud disks as it may.",
    ),
    (
        "ResourceInsufficient.UpgradeServiceBusy",
        "The cloud disk upgrade service is busy; retry later.",
    ),
    ("ResourceNotFound", "The resource does not exist."),
    (
        "ResourceNotFound.NotFound",
        "The resource could not be found.",
    ),
    ("ResourceUnavailable", "The resource cannot be used."),
    (
        "ResourceUnavailable.Attached",
        "The cloud disk is attached to another instance.",
    ),
    (
        "ResourceUnavailable.DiskBackupCreating",
        "The backup point is still being created and cannot be used yet.",
    ),
    (
        "ResourceUnavailable.DiskSnapshotChainTooLarge",
        "The cloud disk's snapshot chain is too long for another snapshot.",
    ),
    ("ResourceUnavailable.Expire", "The cloud disk has expired."),
    (
        "ResourceUnavailable.NotPortable",
        "A non-elastic cloud disk does not support this operation.",
    ),
    (
        "ResourceUnavailable.NotSupportRefund",
        "The cloud disk cannot be returned.",
    ),
    (
        "ResourceUnavailable.NotSupported",
        "The resource does not support this operation.",
    ),
    (
        "ResourceUnavailable.RepeatRefund",
        "The cloud disk has already been returned.",
    ),
    (
        "ResourceUnavailable.SnapshotCreating",
        "The snapshot is still being created and cannot be used yet.",
    ),
    (
        "ResourceUnavailable.TooManyCreatingSnapshot",
        "Too many snapshots are being created across the service right now.",
    ),
    (
        "ResourceUnavailable.TypeError",
        "The cloud disk type does not allow this, such as attaching a system disk.",
    ),
    (
        "ResourceUnavailable.ZoneNotMatch",
        "The cloud disk and the instance are in different availability zones.",
    ),
    ("TradeDealConflict", "The order conflicts with another one."),
    (
        "UnauthorizedOperation",
        "The caller is not authorized to do this.",
    ),
    (
        "UnauthorizedOperation.InvalidToken",
        "The CAM token cannot be used.",
    ),
    (
        "UnauthorizedOperation.MFAExpired",
        "The multi-factor authentication has expired; authenticate again.",
    ),
    (
        "UnauthorizedOperation.NotCertification",
        "The account has not completed identity verification, so it cannot pay.",
    ),
    (
        "UnauthorizedOperation.NotHavePaymentRight",
        "The caller may not make payments.",
    ),
    (
        "UnauthorizedOperation.RoleNotExists",
        "The authorization role does not exist.",
    ),
    ("UnsupportedOperation", "The operation is not supported."),
    (
        "UnsupportedOperation.DetachPod",
        "Cloud disks cannot be detached from Elastic Kubernetes Service pods.",
    ),
    (
        "UnsupportedOperation.DiskEncrypt",
        "The operation is not supported on an encrypted cloud disk.",
    ),
    (
        "UnsupportedOperation.InstanceNotStopped",
        "The instance the cloud disk is attached to must be shut down first.",
    ),
    (
        "UnsupportedOperation.SnapHasShared",
        "The snapshot is shared with other accounts; stop sharing it first.",
    ),
    (
        "UnsupportedOperation.SnapshotGroupDiskAttachMultiInstance",
        "A cloud disk of the snapshot group is attached to more than one instance.",
    ),
    (
        "UnsupportedOperation.SnapshotHasBindedImage",
        "An image was made from the snapshot; delete the image first.",
    ),
    (
        "UnsupportedOperation.SnapshotNotSupportCopy",
        "The snapshot cannot be copied to another region.",
    ),
    (
        "UnsupportedOperation.StateError",
        "The resource's current state does not allow this operation.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_well_formed_unique_and_described() {
        let mut seen = std::collections::HashSet::new();
        for known in product_codes() {
            assert!(
                crate::error_code::is_well_formed(known.code),
                "{}",
                known.code
            );
            assert!(
                seen.insert((known.service, known.code)),
                "{} twice",
                known.code
            );
            assert!(known.description.ends_with('.'), "{}", known.code);
        }
        assert_eq!(product_codes().filter(|c| c.service == "cbs").count(), 76);
    }
}
