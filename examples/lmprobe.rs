//! Print language-model costs of words in a context (a development aid).
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model = vnreport::Model::shipped().expect("model");
    let lm = model.lm();
    let (u, v) = (lm.id(&args[0]), lm.id(&args[1]));
    for w in &args[2..] {
        println!(
            "{} {} {} : {:.3} (uni {:.3})",
            args[0],
            args[1],
            w,
            lm.cost(u, v, lm.id(w)),
            lm.unigram_cost(lm.id(w))
        );
    }
}
