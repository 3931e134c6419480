"""What `bench_atlas --http` serves besides the portal: the floor view, only in the benchmark's settings."""
