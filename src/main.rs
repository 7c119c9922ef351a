fn main() {
    std::process::exit(folio::cli::main());
}
