//! Print the candidates of words as an OCR'd document would get them (a development aid).
fn main() {
    let r = vnreport::Restorer::new(vnreport::Model::shipped().expect("model"));
    let mix = vnreport::ChannelMix { clean: 0.0, strip: 0.0, ocr: 1.0 };
    for w in std::env::args().skip(1) {
        println!("{w}: {:?}", r.candidates(&w, &mix));
    }
}
