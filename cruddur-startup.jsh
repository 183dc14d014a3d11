// Cruddur in JShell:  ./cruddur jshell   (the launcher passes this file), or
//   jshell --class-path cruddur-examples/target/cruddur.jar --startup DEFAULT --startup cruddur-startup.jsh
// Then, for example:
//   var app = StackFile.load(Path.of("stacks/cruddur.java")).single();
//   var cruddur = Cruddur.with(LocalCloud.prepare(app));
//   cruddur.apply(app)
// Single-type imports, so that Stack means io.cruddur.spec.Stack and not java.util.Stack.
import io.cruddur.Cruddur;
import io.cruddur.apply.Outcome;
import io.cruddur.plan.Plan;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.aws.AwsCloud;
import io.cruddur.stackfile.StackFile;
import java.nio.file.Path;
import io.cruddur.examples.LocalCloud;
import io.cruddur.spec.Stack;
import io.cruddur.spec.Service;
import io.cruddur.spec.Image;
import io.cruddur.spec.Secret;
import io.cruddur.spec.Sidecar;
import io.cruddur.spec.ContainerHealthCheck;
import io.cruddur.spec.InvalidSpecException;
