// The cold-start benchmark's JShell script (bench/run): what a user types to plan the reference app on AWS from
// JShell, run as
//   jshell --class-path cruddur-examples/target/cruddur.jar --startup DEFAULT --startup cruddur-startup.jsh \
//     bench/coldstart.jsh
// with BENCH_ENDPOINT set to the 127.0.0.1 listener that notes the first call.
var app = StackFile.load(Path.of("stacks/cruddur.java")).single();
var aws = AwsCloud.builder().endpoint(java.net.URI.create(System.getenv("BENCH_ENDPOINT"))).region("us-east-1").build();
Cruddur.with(aws).plan(app)
/exit
