// dyn Future with Output
fn use_dyn(_: &dyn std::future::Future<Output = u64>) {}
