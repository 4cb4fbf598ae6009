from liftcalm.cli import main

raise SystemExit(main())
