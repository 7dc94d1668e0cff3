//! One text restored on several threads: the restorer works on the calling thread, and this
//! is where the blocks of a text are spread over the rayon pool the caller runs in.

use crate::restore::{Detail, Plan, Restoration, Restorer, TokenRecord};
use rayon::prelude::*;

/// Restore `text`, its blocks spread over the current rayon pool when it has more than one
/// thread (the result is the same as [`Restorer::restore`] on one thread).
pub fn restore_in_parallel(
    restorer: &Restorer,
    text: &str,
    detail: Detail,
) -> (Restoration, Vec<TokenRecord>) {
    restore_plan_in_parallel(restorer, restorer.plan(text, detail))
}

/// Restore a planned text, its blocks spread over the current rayon pool.
pub(crate) fn restore_plan_in_parallel(restorer: &Restorer, plan: Plan) -> (Restoration, Vec<TokenRecord>) {
    if rayon::current_num_threads() <= 1 || plan.blocks() <= 1 {
        let blocks = (0..plan.blocks()).map(|b| restorer.restore_block(&plan, b)).collect();
        return restorer.finish(plan, blocks);
    }
    let blocks = (0..plan.blocks()).into_par_iter().map(|b| restorer.restore_block(&plan, b)).collect();
    restorer.finish(plan, blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    #[test]
    fn blocks_on_many_threads_restore_as_on_one() {
        let restorer = Restorer::new(Model::shipped().unwrap());
        let text =
            "Két qua thyc hign\n\n- cdng tac cai cach\n- hanh chinh nam 2024\n\nUBND tinh da ban hanh\n";
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let (spread, records) = pool.install(|| restore_in_parallel(&restorer, text, Detail::Tokens));
        let (alone, alone_records) = restorer.restore_tokens(text);
        assert!(restorer.plan(text, Detail::Lines).blocks() > 1);
        assert_eq!(spread, alone);
        assert_eq!(records, alone_records);
        assert_ne!(spread.text(), text, "the text was restored");
    }
}
