fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let d = vnreport::text::decode::decode(&bytes, &Default::default()).unwrap();
    eprintln!("{} {} bytes -> {} bytes in {:?}", d.encoding, bytes.len(), d.text.len(), t.elapsed());
}
