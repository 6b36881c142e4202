// The OWL API's OWL 2 DL profile check of one ontology file: one line per violation,
// nothing when the ontology is in OWL 2 DL. Run with Java's source launcher and the OWL API
// that owlready2's HermiT.jar carries:
//     java -cp .../owlready2/hermit/HermiT.jar tests/owl/DLProfile.java ontology.ttl
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class DLProfile {
    public static void main(String[] args) throws Exception {
        OWLOntology ontology = OWLManager.createOWLOntologyManager()
            .loadOntologyFromOntologyDocument(new File(args[0]));
        for (OWLProfileViolation violation : new OWL2DLProfile().checkOntology(ontology).getViolations()) {
            System.out.println(violation.toString().replace('\n', ' '));
        }
    }
}
