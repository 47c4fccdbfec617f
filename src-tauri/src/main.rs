fn main() -> std::process::ExitCode {
    laju_app::main()
}
