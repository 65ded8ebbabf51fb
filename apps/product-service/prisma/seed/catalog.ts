// Seed catalog for the product service.
// Plain data, no imports, fully deterministic.
// Prices are integer US cents. Images are generated locally by scripts/generate-images.mjs.

export interface SeedCategory {
  slug: string;
  name: string;
  description: string;
}

export interface SeedProduct {
  slug: string;
  name: string;
  description: string;
  categorySlug: string;
  price: number;
  stock: number;
  image: string;
}

export const categories: SeedCategory[] = [
  {
    slug: "kitchen",
    name: "Kitchen",
    description:
      "Hard-working cookware and tools built to live on the stovetop, not in the cupboard.",
  },
  {
    slug: "coffee-tea",
    name: "Coffee & Tea",
    description: "Everything for a slower, better cup, from pour-over gear to everyday mugs.",
  },
  {
    slug: "audio",
    name: "Audio",
    description:
      "Headphones and speakers tuned for long listening sessions at home and on the move.",
  },
  {
    slug: "home-office",
    name: "Home Office",
    description:
      "Comfortable, clutter-free essentials for a workspace you actually enjoy sitting at.",
  },
  {
    slug: "outdoor",
    name: "Outdoor",
    description: "Lightweight shelter and camp gear for weekends under open skies.",
  },
  {
    slug: "bags",
    name: "Bags",
    description: "Durable packs, totes and carry goods designed for commutes and long hauls alike.",
  },
  {
    slug: "lighting",
    name: "Lighting",
    description: "Warm, glare-free lamps and lights that make every room feel calmer after dark.",
  },
  {
    slug: "stationery",
    name: "Stationery",
    description:
      "Notebooks, pens and desk companions for people who still like to write things down.",
  },
];

export const products: SeedProduct[] = [
  // kitchen
  {
    slug: "cast-iron-skillet-10",
    name: "Pre-Seasoned Cast Iron Skillet, 10-Inch",
    description:
      "A heavy-bottomed skillet that holds heat for a perfect sear and moves straight from stovetop to oven. Arrives pre-seasoned with flaxseed oil and only gets better with use.",
    categorySlug: "kitchen",
    price: 3999,
    stock: 64,
    image: "/images/products/cast-iron-skillet-10.svg",
  },
  {
    slug: "carbon-steel-wok",
    name: "Carbon Steel Flat-Bottom Wok",
    description:
      "Thin, responsive carbon steel for serious stir-frying on gas or induction. The flat base sits steady on any burner.",
    categorySlug: "kitchen",
    price: 4950,
    stock: 38,
    image: "/images/products/carbon-steel-wok.svg",
  },
  {
    slug: "enameled-dutch-oven-5qt",
    name: "Enameled Dutch Oven 5 Qt",
    description:
      "Glossy enamel over cast iron for slow braises, crusty bread and weeknight soups. The tight-fitting lid self-bastes as it cooks.",
    categorySlug: "kitchen",
    price: 11900,
    stock: 22,
    image: "/images/products/enameled-dutch-oven-5qt.svg",
  },
  {
    slug: "tri-ply-saute-pan",
    name: "Tri-Ply Stainless Sauté Pan",
    description:
      "An aluminum core sandwiched in stainless steel spreads heat evenly to the edges. Straight sides and a helper handle make it easy to toss and lift.",
    categorySlug: "kitchen",
    price: 8900,
    stock: 41,
    image: "/images/products/tri-ply-saute-pan.svg",
  },
  {
    slug: "nonstick-crepe-pan",
    name: "Ceramic Nonstick Crêpe Pan",
    description:
      "A low-lipped pan that lets a spatula slide right under delicate crêpes, pancakes and omelettes. PFAS-free ceramic coating releases cleanly with minimal oil.",
    categorySlug: "kitchen",
    price: 3450,
    stock: 4,
    image: "/images/products/nonstick-crepe-pan.svg",
  },
  {
    slug: "acacia-cutting-board",
    name: "End-Grain Acacia Cutting Board",
    description:
      "Dense end-grain acacia that is gentle on knife edges and hides everyday cuts. Rubber feet keep it anchored while you chop.",
    categorySlug: "kitchen",
    price: 5900,
    stock: 57,
    image: "/images/products/acacia-cutting-board.svg",
  },
  {
    slug: "chefs-knife-8",
    name: "Japanese Steel Chef's Knife, 8-Inch",
    description:
      "A razor-thin VG-10 blade with a pakkawood handle that balances right at the bolster. Sharp out of the box and easy to hone.",
    categorySlug: "kitchen",
    price: 7999,
    stock: 33,
    image: "/images/products/chefs-knife-8.svg",
  },
  {
    slug: "silicone-utensil-set",
    name: "Silicone Utensil Set of 5",
    description:
      "Spatula, spoon, turner, ladle and tongs in heat-safe silicone that won't scratch your pans. Stainless cores keep them rigid.",
    categorySlug: "kitchen",
    price: 2499,
    stock: 112,
    image: "/images/products/silicone-utensil-set.svg",
  },
  {
    slug: "grill-pan-square",
    name: "Cast Iron Square Grill Pan",
    description:
      "Raised ridges give steaks, vegetables and halloumi proper char lines indoors. Pour spouts on both sides drain off excess fat.",
    categorySlug: "kitchen",
    price: 4599,
    stock: 0,
    image: "/images/products/grill-pan-square.svg",
  },
  // coffee-tea
  {
    slug: "stoneware-mug-12oz",
    name: "Speckled Stoneware Mug 12 oz",
    description:
      "Hand-glazed stoneware with a generous handle and a speckled finish, so no two are quite alike. Microwave and dishwasher safe.",
    categorySlug: "coffee-tea",
    price: 1899,
    stock: 118,
    image: "/images/products/stoneware-mug-12oz.svg",
  },
  {
    slug: "double-wall-glass-cup",
    name: "Double-Wall Glass Cup Set of 2",
    description:
      "Borosilicate glass that keeps drinks hot and your fingers cool, while making latte layers look like they float.",
    categorySlug: "coffee-tea",
    price: 2450,
    stock: 76,
    image: "/images/products/double-wall-glass-cup.svg",
  },
  {
    slug: "walnut-pour-over-stand",
    name: "Walnut Pour-Over Stand",
    description:
      "A solid walnut stand that holds your dripper at the right height over a mug or carafe. Finished with food-safe oil and wax.",
    categorySlug: "coffee-tea",
    price: 5400,
    stock: 18,
    image: "/images/products/walnut-pour-over-stand.svg",
  },
  {
    slug: "gooseneck-kettle",
    name: "Gooseneck Pour-Over Kettle",
    description:
      "A slim spout gives you a slow, precise pour for even extraction. Built-in thermometer in the lid shows when you've hit the sweet spot.",
    categorySlug: "coffee-tea",
    price: 6900,
    stock: 29,
    image: "/images/products/gooseneck-kettle.svg",
  },
  {
    slug: "ceramic-dripper",
    name: "Ceramic Cone Dripper",
    description:
      "A classic single-cup cone with spiral ribs for a steady, clean draw-down. Fits standard #2 paper filters.",
    categorySlug: "coffee-tea",
    price: 2600,
    stock: 2,
    image: "/images/products/ceramic-dripper.svg",
  },
  {
    slug: "glass-teapot-infuser",
    name: "Glass Teapot with Infuser 34 oz",
    description:
      "Watch loose leaf unfurl through heat-resistant glass. The removable stainless infuser lifts out when the steep is just right.",
    categorySlug: "coffee-tea",
    price: 3299,
    stock: 47,
    image: "/images/products/glass-teapot-infuser.svg",
  },
  {
    slug: "enamel-camp-mug",
    name: "Enamel Camp Mug",
    description:
      "A rolled-rim enamel mug that's equally at home on the trail and at the breakfast table. Light, tough and nearly unbreakable.",
    categorySlug: "coffee-tea",
    price: 1500,
    stock: 94,
    image: "/images/products/enamel-camp-mug.svg",
  },
  {
    slug: "burr-coffee-grinder",
    name: "Hand Burr Coffee Grinder",
    description:
      "Conical steel burrs with 40 click settings, from espresso-fine to French-press coarse. Compact enough to pack for travel.",
    categorySlug: "coffee-tea",
    price: 8900,
    stock: 0,
    image: "/images/products/burr-coffee-grinder.svg",
  },
  {
    slug: "matcha-whisk-set",
    name: "Matcha Whisk & Bowl Set",
    description:
      "A 100-prong bamboo chasen, scoop and a wide ceramic bowl for whisking a smooth, frothy matcha. Comes with a whisk rest to keep its shape.",
    categorySlug: "coffee-tea",
    price: 3800,
    stock: 35,
    image: "/images/products/matcha-whisk-set.svg",
  },
  // audio
  {
    slug: "wireless-over-ear-headphones",
    name: "Wireless Over-Ear Headphones",
    description:
      "Plush memory-foam cushions, adaptive noise cancelling and up to 40 hours of playback. Folds flat into a slim travel case.",
    categorySlug: "audio",
    price: 17900,
    stock: 44,
    image: "/images/products/wireless-over-ear-headphones.svg",
  },
  {
    slug: "studio-monitor-headphones",
    name: "Closed-Back Studio Headphones",
    description:
      "A flat, honest frequency response for mixing and critical listening. Detachable cable and replaceable ear pads for years of use.",
    categorySlug: "audio",
    price: 12900,
    stock: 27,
    image: "/images/products/studio-monitor-headphones.svg",
  },
  {
    slug: "open-back-headphones",
    name: "Open-Back Listening Headphones",
    description:
      "An airy, speaker-like soundstage for long evenings with your record collection. Velour pads stay cool hour after hour.",
    categorySlug: "audio",
    price: 21900,
    stock: 3,
    image: "/images/products/open-back-headphones.svg",
  },
  {
    slug: "kids-volume-limited-headphones",
    name: "Volume-Limited Kids' Headphones",
    description:
      "Lightweight, bendable and capped at 85 dB to protect young ears. A built-in share port lets two kids listen together.",
    categorySlug: "audio",
    price: 3999,
    stock: 86,
    image: "/images/products/kids-volume-limited-headphones.svg",
  },
  {
    slug: "bluetooth-bookshelf-speakers",
    name: "Bluetooth Bookshelf Speakers (Pair)",
    description:
      "Wood-cabinet speakers with a warm, full sound and a built-in amp. Connect over Bluetooth, optical or a turntable line-in.",
    categorySlug: "audio",
    price: 24900,
    stock: 16,
    image: "/images/products/bluetooth-bookshelf-speakers.svg",
  },
  {
    slug: "portable-speaker-mini",
    name: "Waterproof Portable Speaker",
    description:
      "IP67-rated and small enough for a bike bottle cage, with 12 hours of surprisingly rich sound. Pair two for stereo.",
    categorySlug: "audio",
    price: 5999,
    stock: 103,
    image: "/images/products/portable-speaker-mini.svg",
  },
  {
    slug: "wireless-earbuds",
    name: "True Wireless Earbuds",
    description:
      "A secure, comfortable fit with clear calls and punchy bass. The pocket-sized case adds three full recharges.",
    categorySlug: "audio",
    price: 9900,
    stock: 61,
    image: "/images/products/wireless-earbuds.svg",
  },
  {
    slug: "headphone-stand-oak",
    name: "Oak Headphone Stand",
    description:
      "A weighted oak base and curved arm that keep your headphones shaped and off the desk. Felt-lined to protect the headband.",
    categorySlug: "audio",
    price: 3500,
    stock: 52,
    image: "/images/products/headphone-stand-oak.svg",
  },
  {
    slug: "on-ear-headphones-retro",
    name: "Retro On-Ear Headphones",
    description:
      "Vintage-inspired styling with a modern wireless heart. Light enough to forget you're wearing them on the commute.",
    categorySlug: "audio",
    price: 8450,
    stock: 0,
    image: "/images/products/on-ear-headphones-retro.svg",
  },
  // home-office
  {
    slug: "ergonomic-task-chair",
    name: "Ergonomic Mesh Task Chair",
    description:
      "Breathable mesh back, adjustable lumbar support and 4D armrests that keep you comfortable through long workdays.",
    categorySlug: "home-office",
    price: 34900,
    stock: 12,
    image: "/images/products/ergonomic-task-chair.svg",
  },
  {
    slug: "wool-felt-desk-mat",
    name: "Wool Felt Desk Mat",
    description:
      "Thick merino felt that softens the desk, quiets the keyboard and gives your mouse a smooth glide.",
    categorySlug: "home-office",
    price: 4200,
    stock: 74,
    image: "/images/products/wool-felt-desk-mat.svg",
  },
  {
    slug: "monitor-riser-bamboo",
    name: "Bamboo Monitor Riser",
    description:
      "Lifts your screen to eye level and frees up space underneath for a keyboard or notebooks. Supports up to 30 kg.",
    categorySlug: "home-office",
    price: 4999,
    stock: 58,
    image: "/images/products/monitor-riser-bamboo.svg",
  },
  {
    slug: "drafting-stool",
    name: "Height-Adjustable Drafting Stool",
    description:
      "A tall stool with a foot ring and gas lift for standing desks and workbenches. Swivels smoothly on quiet casters.",
    categorySlug: "home-office",
    price: 18900,
    stock: 13,
    image: "/images/products/drafting-stool.svg",
  },
  {
    slug: "lounge-desk-chair",
    name: "Upholstered Lounge Desk Chair",
    description:
      "Mid-century lines, a padded shell and a tilt mechanism that invites you to lean back between calls.",
    categorySlug: "home-office",
    price: 27500,
    stock: 10,
    image: "/images/products/lounge-desk-chair.svg",
  },
  {
    slug: "cable-management-tray",
    name: "Under-Desk Cable Tray",
    description:
      "A steel mesh tray that hides power strips and chargers beneath the desktop. Screws in place in minutes.",
    categorySlug: "home-office",
    price: 2999,
    stock: 91,
    image: "/images/products/cable-management-tray.svg",
  },
  {
    slug: "laptop-stand-aluminum",
    name: "Folding Aluminum Laptop Stand",
    description:
      "Six angle settings raise your laptop for better posture, then fold flat to slip into a bag.",
    categorySlug: "home-office",
    price: 3950,
    stock: 67,
    image: "/images/products/laptop-stand-aluminum.svg",
  },
  {
    slug: "footrest-cork",
    name: "Rocking Cork Footrest",
    description:
      "A gently curved cork footrest that keeps your legs moving while you sit. Natural, warm and grippy underfoot.",
    categorySlug: "home-office",
    price: 5500,
    stock: 23,
    image: "/images/products/footrest-cork.svg",
  },
  {
    slug: "kneeling-chair",
    name: "Wood Kneeling Chair",
    description:
      "A rocking birch frame with cushioned knee pads that encourages an open hip angle and upright spine.",
    categorySlug: "home-office",
    price: 16900,
    stock: 14,
    image: "/images/products/kneeling-chair.svg",
  },
  // outdoor
  {
    slug: "ultralight-backpacking-tent",
    name: "Ultralight 2-Person Tent",
    description:
      "A freestanding shelter that packs down to the size of a water bottle and pitches in under five minutes. Two doors, two vestibules, no squabbles.",
    categorySlug: "outdoor",
    price: 32900,
    stock: 19,
    image: "/images/products/ultralight-backpacking-tent.svg",
  },
  {
    slug: "family-dome-tent",
    name: "Family Dome Tent 6-Person",
    description:
      "A roomy dome with near-vertical walls and a full rainfly for weekend car camping. Stand-up headroom at the center.",
    categorySlug: "outdoor",
    price: 38900,
    stock: 10,
    image: "/images/products/family-dome-tent.svg",
  },
  {
    slug: "bikepacking-bivy",
    name: "Bikepacking Bivy Shelter",
    description:
      "A single-pole bivy that weighs less than a kilo and stuffs into a handlebar bag. Waterproof floor with a bug-mesh hood.",
    categorySlug: "outdoor",
    price: 18500,
    stock: 1,
    image: "/images/products/bikepacking-bivy.svg",
  },
  {
    slug: "canvas-bell-tent",
    name: "Cotton Canvas Bell Tent",
    description:
      "Breathable cotton canvas that stays cool in summer and cozy on cold nights. A roll-up wall opens it to the view.",
    categorySlug: "outdoor",
    price: 64900,
    stock: 0,
    image: "/images/products/canvas-bell-tent.svg",
  },
  {
    slug: "camp-chair-folding",
    name: "Folding Camp Chair",
    description:
      "A high-back, packable camp chair with a cup holder and side pocket. Sets up in seconds and holds up to 145 kg.",
    categorySlug: "outdoor",
    price: 6999,
    stock: 72,
    image: "/images/products/camp-chair-folding.svg",
  },
  {
    slug: "insulated-sleeping-pad",
    name: "Insulated Sleeping Pad",
    description:
      "A 7 cm air pad with synthetic insulation and an R-value of 4.2 for three-season comfort. Inflates in a dozen breaths.",
    categorySlug: "outdoor",
    price: 12900,
    stock: 36,
    image: "/images/products/insulated-sleeping-pad.svg",
  },
  {
    slug: "down-camp-blanket",
    name: "Packable Down Camp Blanket",
    description:
      "Responsibly sourced 650-fill down in a water-resistant shell. Wrap it around your shoulders at camp or spread it over a bed.",
    categorySlug: "outdoor",
    price: 14900,
    stock: 24,
    image: "/images/products/down-camp-blanket.svg",
  },
  {
    slug: "rechargeable-lantern",
    name: "Rechargeable Camp Lantern",
    description:
      "Warm, dimmable light for up to 100 hours, with a USB-C port to top up your phone. Collapses flat for packing.",
    categorySlug: "outdoor",
    price: 4499,
    stock: 83,
    image: "/images/products/rechargeable-lantern.svg",
  },
  {
    slug: "hammock-tarp-set",
    name: "Hammock & Rain Tarp Set",
    description:
      "A breathable nylon hammock with tree straps and a matching rain tarp for easy, off-the-ground camping.",
    categorySlug: "outdoor",
    price: 9900,
    stock: 31,
    image: "/images/products/hammock-tarp-set.svg",
  },
  // bags
  {
    slug: "everyday-roll-top-backpack",
    name: "Roll-Top Everyday Backpack 24L",
    description:
      "A weatherproof roll-top pack with a padded laptop sleeve and quick-access side zip. Expands when you need to carry a little more.",
    categorySlug: "bags",
    price: 12900,
    stock: 48,
    image: "/images/products/everyday-roll-top-backpack.svg",
  },
  {
    slug: "waxed-canvas-rucksack",
    name: "Waxed Canvas Rucksack",
    description:
      "Heritage waxed canvas and leather straps that age into a beautiful patina. Two front pockets keep small things within reach.",
    categorySlug: "bags",
    price: 16500,
    stock: 26,
    image: "/images/products/waxed-canvas-rucksack.svg",
  },
  {
    slug: "travel-carry-on-backpack",
    name: "Travel Carry-On Backpack 40L",
    description:
      "Opens clamshell-style like a suitcase and fits airline carry-on limits. Stowable harness for check-in days.",
    categorySlug: "bags",
    price: 21900,
    stock: 13,
    image: "/images/products/travel-carry-on-backpack.svg",
  },
  {
    slug: "kids-school-backpack",
    name: "Kids' School Backpack",
    description:
      "Lightweight, padded and sized for small shoulders, with a reflective strip and a name label inside.",
    categorySlug: "bags",
    price: 4999,
    stock: 99,
    image: "/images/products/kids-school-backpack.svg",
  },
  {
    slug: "daypack-packable",
    name: "Packable Hiking Daypack 18L",
    description:
      "Folds into its own pocket and weighs under 200 g, yet holds a jacket, snacks and water for a day on the trail.",
    categorySlug: "bags",
    price: 3999,
    stock: 44,
    image: "/images/products/daypack-packable.svg",
  },
  {
    slug: "leather-tote",
    name: "Full-Grain Leather Tote",
    description:
      "A structured everyday tote in vegetable-tanned leather, with an interior zip pocket and magnetic closure.",
    categorySlug: "bags",
    price: 18900,
    stock: 17,
    image: "/images/products/leather-tote.svg",
  },
  {
    slug: "cycling-commuter-pack",
    name: "Cycling Commuter Backpack",
    description:
      "A ventilated back panel, helmet clip and reflective details for safer, less sweaty rides to work.",
    categorySlug: "bags",
    price: 13900,
    stock: 37,
    image: "/images/products/cycling-commuter-pack.svg",
  },
  {
    slug: "canvas-market-tote",
    name: "Heavy Canvas Market Tote",
    description:
      "Thick 16 oz canvas with long handles that sit comfortably on the shoulder. Carries a full week of groceries.",
    categorySlug: "bags",
    price: 2800,
    stock: 120,
    image: "/images/products/canvas-market-tote.svg",
  },
  {
    slug: "camera-sling-backpack",
    name: "Camera Sling Backpack",
    description:
      "A padded, customizable camera compartment with side access, plus room on top for a jacket and lunch.",
    categorySlug: "bags",
    price: 15400,
    stock: 21,
    image: "/images/products/camera-sling-backpack.svg",
  },
  // lighting
  {
    slug: "brass-task-lamp",
    name: "Brass Articulating Task Lamp",
    description:
      "A classic spring-balanced arm in brushed brass that puts light exactly where you need it. Includes a warm 2700K LED bulb.",
    categorySlug: "lighting",
    price: 14900,
    stock: 28,
    image: "/images/products/brass-task-lamp.svg",
  },
  {
    slug: "ceramic-table-lamp",
    name: "Ceramic Table Lamp with Linen Shade",
    description:
      "A glazed ceramic base paired with a natural linen drum shade for soft, diffused light.",
    categorySlug: "lighting",
    price: 12500,
    stock: 34,
    image: "/images/products/ceramic-table-lamp.svg",
  },
  {
    slug: "mushroom-lamp",
    name: "Opal Glass Mushroom Lamp",
    description:
      "A glowing dome of opal glass that casts a gentle, even light. Small enough for a nightstand or shelf.",
    categorySlug: "lighting",
    price: 8900,
    stock: 2,
    image: "/images/products/mushroom-lamp.svg",
  },
  {
    slug: "arc-floor-lamp",
    name: "Arc Floor Lamp",
    description:
      "A sweeping steel arc and weighted marble base that reach over a sofa or reading chair.",
    categorySlug: "lighting",
    price: 22900,
    stock: 11,
    image: "/images/products/arc-floor-lamp.svg",
  },
  {
    slug: "rechargeable-cordless-lamp",
    name: "Cordless Rechargeable Lamp",
    description:
      "Take the light with you, from dinner table to balcony. Three dimming levels and up to 20 hours per charge.",
    categorySlug: "lighting",
    price: 6999,
    stock: 56,
    image: "/images/products/rechargeable-cordless-lamp.svg",
  },
  {
    slug: "pleated-pendant-light",
    name: "Pleated Paper Pendant Light",
    description:
      "A hand-pleated paper shade that scatters light into soft, sculptural shadows. Plug-in cord kit included.",
    categorySlug: "lighting",
    price: 7400,
    stock: 42,
    image: "/images/products/pleated-pendant-light.svg",
  },
  {
    slug: "clamp-desk-lamp",
    name: "Clamp-On Desk Lamp",
    description:
      "A space-saving clamp lamp with an adjustable head and a cool-touch shade. Grips desks and shelves up to 6 cm thick.",
    categorySlug: "lighting",
    price: 4599,
    stock: 26,
    image: "/images/products/clamp-desk-lamp.svg",
  },
  {
    slug: "wall-sconce-swing-arm",
    name: "Swing-Arm Wall Sconce",
    description:
      "A plug-in sconce with a swiveling arm, perfect beside the bed or over a reading nook. No electrician needed.",
    categorySlug: "lighting",
    price: 9500,
    stock: 19,
    image: "/images/products/wall-sconce-swing-arm.svg",
  },
  {
    slug: "dimmable-led-bulb-pack",
    name: "Warm Dimmable LED Bulbs (4-Pack)",
    description:
      "Flicker-free filament bulbs that dim smoothly down to a candle-like glow. 2200K to 2700K warm white.",
    categorySlug: "lighting",
    price: 3299,
    stock: 108,
    image: "/images/products/dimmable-led-bulb-pack.svg",
  },
  // stationery
  {
    slug: "dot-grid-notebook-a5",
    name: "Dot Grid Notebook A5",
    description:
      "160 pages of smooth, fountain-pen-friendly paper with a faint dot grid. Lay-flat binding and a ribbon marker.",
    categorySlug: "stationery",
    price: 1800,
    stock: 115,
    image: "/images/products/dot-grid-notebook-a5.svg",
  },
  {
    slug: "linen-hardcover-journal",
    name: "Linen Hardcover Journal",
    description:
      "A cloth-bound journal with numbered pages, an index and an elastic closure. Made for keeping, not just filling.",
    categorySlug: "stationery",
    price: 2450,
    stock: 63,
    image: "/images/products/linen-hardcover-journal.svg",
  },
  {
    slug: "pocket-notebook-3pack",
    name: "Pocket Notebooks (3-Pack)",
    description:
      "Slim kraft-covered notebooks that slip into a back pocket. Ruled, plain and grid — one of each.",
    categorySlug: "stationery",
    price: 1299,
    stock: 88,
    image: "/images/products/pocket-notebook-3pack.svg",
  },
  {
    slug: "weekly-planner-undated",
    name: "Undated Weekly Planner",
    description:
      "A flexible week-on-two-pages layout you can start any time of year. Includes monthly spreads and habit trackers.",
    categorySlug: "stationery",
    price: 2800,
    stock: 51,
    image: "/images/products/weekly-planner-undated.svg",
  },
  {
    slug: "brass-ballpoint-pen",
    name: "Solid Brass Ballpoint Pen",
    description:
      "A weighty, machined brass pen that develops a warm patina in your hand. Takes standard refills.",
    categorySlug: "stationery",
    price: 3500,
    stock: 45,
    image: "/images/products/brass-ballpoint-pen.svg",
  },
  {
    slug: "fountain-pen-starter",
    name: "Fountain Pen Starter Set",
    description:
      "A smooth steel-nib fountain pen with a converter and two ink cartridges. The easiest way into fountain pens.",
    categorySlug: "stationery",
    price: 4200,
    stock: 3,
    image: "/images/products/fountain-pen-starter.svg",
  },
  {
    slug: "sketchbook-spiral",
    name: "Spiral Sketchbook A4",
    description:
      "Heavy 150 gsm paper that handles pencil, ink and light washes. The spiral binding folds flat all the way round.",
    categorySlug: "stationery",
    price: 1650,
    stock: 79,
    image: "/images/products/sketchbook-spiral.svg",
  },
  {
    slug: "leather-notebook-cover",
    name: "Leather Notebook Cover",
    description:
      "A refillable vegetable-tanned leather cover for A5 notebooks, with a pen loop and card slots.",
    categorySlug: "stationery",
    price: 4900,
    stock: 15,
    image: "/images/products/leather-notebook-cover.svg",
  },
  {
    slug: "washi-tape-set",
    name: "Washi Tape Set of 8",
    description:
      "Eight rolls of soft-toned paper tape for planners, gift wrap and labeling. Tears by hand and repositions easily.",
    categorySlug: "stationery",
    price: 1450,
    stock: 97,
    image: "/images/products/washi-tape-set.svg",
  },
];
